using ServiceHall.Benchmarks.Support;
using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Benchmarks.Grain;

/// <summary>
/// The standard application the benchmarks drive (内资公司变更登记 at the Guangzhou hall): opened by a window clerk,
/// reviewed by the market-regulation department, certificate issued and collected — one open plus six actions.
/// </summary>
internal static class StandardCase
{
    public const int CommandsPerCase = 7;

    public static readonly CaseActor Clerk = new("clerk", Roles.Clerk, Hall: "gz", Window: "general-1");
    public static readonly CaseActor Reviewer = new("reviewer", Roles.Reviewer, Department: "market-regulation");

    /// <summary>The six human steps after opening, in order, with who takes them and what they submit.</summary>
    public static readonly IReadOnlyList<(string Action, CaseActor Actor, CaseActionInput Input)> Steps =
    [
        (ActionNames.Accept, Clerk, new CaseActionInput()),
        (ActionNames.Pass, Reviewer, new CaseActionInput()),
        (ActionNames.Approve, Reviewer, new CaseActionInput { Opinion = "符合条件" }),
        (ActionNames.IssueCertificate, Clerk, new CaseActionInput { Form = "paper" }),
        (ActionNames.NotifyPickup, Clerk, new CaseActionInput()),
        (ActionNames.PickedUp, Clerk, new CaseActionInput { Collector = "agent", By = "李四", IdNumber = "11010519491231002X" }),
    ];

    /// <summary>A valid application; <paramref name="applicantName"/> and <paramref name="channel"/> vary it for search.</summary>
    public static OpenCaseCommand Application(string applicantName = "张三丰", string channel = "window") => new()
    {
        ServiceItemCode = "GZ-SCJG-002",
        Channel = channel,
        Applicant = new ApplicantDetails
        {
            Name = applicantName,
            IdNumber = "11010519491231002X",
            Phone = "13800138000",
            Organization = "广州示例贸易有限公司",
            OrganizationCode = "91440101MA59XXXX1K",
        },
        Materials =
        [
            new SubmittedMaterial { Code = "application-form", Form = "original" },
            new SubmittedMaterial { Code = "business-licence-copy", Form = "e-licence", ELicenceNumber = "91440101MA59XXXX1K" },
            new SubmittedMaterial { Code = "change-resolution", Form = "original" },
            new SubmittedMaterial { Code = "amended-articles", Form = "original" },
        ],
        Delivery = new DeliveryChoice { Method = "window" },
        Actor = Clerk,
    };

    public static CaseActionCommand Command(string action, CaseActor actor, CaseActionInput input, bool minimalAnswer = false) =>
        new() { Action = action, Actor = actor, Input = input, MinimalAnswer = minimalAnswer };

    /// <summary>
    /// Opens a new case and drives it to pickup, timing each command; throws unless it ends completed. With
    /// <paramref name="minimalAnswers"/> the actions ask for the minimal answer (id, status, stage, version), as the pages'
    /// action forms do through <c>Prefer: return=minimal</c>; otherwise each answers with the full case view.
    /// </summary>
    public static async Task DriveAsync(IGrainFactory grains, CommandLog log, bool minimalAnswers = false)
    {
        var grain = grains.GetGrain<ICaseGrain>(CaseIds.NewCaseId());
        var result = await log.TimeAsync(() => grain.OpenAsync(Application()));
        Require(result, CaseOutcome.Created, "open");
        foreach (var (action, actor, payload) in Steps)
        {
            result = await log.TimeAsync(() => grain.ActAsync(Command(action, actor, payload, minimalAnswers)));
            Require(result, CaseOutcome.Ok, action);
        }

        var status = result.Headline?.Status ?? result.Case!.Status;
        if (status != CaseStatuses.Completed)
        {
            throw new InvalidOperationException($"Case {grain.GetPrimaryKeyString()} ended {status}, not {CaseStatuses.Completed}.");
        }
    }

    public static void Require(CaseResult result, CaseOutcome expected, string step)
    {
        if (result.Outcome != expected)
        {
            throw new InvalidOperationException($"{step}: {result.Outcome} field={result.Field ?? "-"} message={result.Message ?? "-"}");
        }
    }
}
