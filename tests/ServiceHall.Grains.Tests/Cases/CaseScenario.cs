using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Storage;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>The demo hall's people and a standard application (内资公司变更登记), plus steps that assert they were taken.</summary>
internal static class CaseScenario
{
    public const string ServiceItemCode = "GZ-SCJG-002";
    public const string ApplicantName = "张三丰";
    public const string ApplicantIdNumber = "11010519491231002X";
    public const string ApplicantPhone = "13800138000";

    public static readonly CaseActor Clerk = new("clerk", Roles.Clerk, Hall: "gz", Window: "general-1");
    public static readonly CaseActor Reviewer = new("reviewer", Roles.Reviewer, Department: "market-regulation");

    /// <summary>The demo reviewer of another department (emergency management).</summary>
    public static readonly CaseActor OtherDepartmentReviewer = new("reviewer2", Roles.Reviewer, Department: "emergency-management");

    /// <summary>A clerk of the Qingyuan hall: the right role, the wrong hall for a Guangzhou case.</summary>
    public static readonly CaseActor OtherHallClerk = new("clerk-qy", Roles.Clerk, Hall: "qy", Window: "general-1");

    public static OpenCaseCommand Application(string? idempotencyKey = null) => new()
    {
        ServiceItemCode = ServiceItemCode,
        Channel = "window",
        Applicant = new ApplicantDetails
        {
            Name = ApplicantName,
            IdNumber = ApplicantIdNumber,
            Phone = ApplicantPhone,
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
        IdempotencyKey = idempotencyKey,
    };

    /// <param name="payload">A <see cref="CaseActionInput"/>, or an anonymous object written as the HTTP body would be.</param>
    public static CaseActionCommand Command(
        string action, CaseActor actor, object? payload = null, string? idempotencyKey = null, long? expectedVersion = null) => new()
    {
        Action = action,
        Actor = actor,
        Input = Input(payload),
        IdempotencyKey = idempotencyKey,
        ExpectedVersion = expectedVersion,
    };

    /// <summary>
    /// An anonymous body bound as the API binds it (camelCase, every member must be one the input has), so a test's
    /// body that would be refused over HTTP fails here too instead of losing a field.
    /// </summary>
    public static CaseActionInput Input(object? payload) => payload switch
    {
        null => new CaseActionInput(),
        CaseActionInput input => input,
        _ => JsonSerializer.Deserialize<CaseActionInput>(JsonSerializer.SerializeToUtf8Bytes(payload, BodyOptions), BodyOptions)!,
    };

    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<CaseView> OpenAsync(ICaseGrain grain)
    {
        var result = await grain.OpenAsync(Application());
        Assert.True(result.Outcome == CaseOutcome.Created, $"open: {Describe(result)}");
        return result.Case!;
    }

    public static async Task<CaseView> ActAsync(ICaseGrain grain, CaseActor actor, string action, object? payload = null)
    {
        var result = await grain.ActAsync(Command(action, actor, payload));
        Assert.True(result.Outcome == CaseOutcome.Ok, $"{actor.Id} {action}: {Describe(result)}");
        return result.Case!;
    }

    /// <summary>The case as <paramref name="viewer"/> (the clerk by default) sees it: the actions listed are the viewer's own.</summary>
    public static async Task<CaseView> GetAsync(ICaseGrain grain, CaseActor? viewer = null)
    {
        var result = await grain.GetAsync(viewer ?? Clerk);
        Assert.True(result.Outcome == CaseOutcome.Ok, $"get: {Describe(result)}");
        return result.Case!;
    }

    /// <summary>Answers every deficiency of the open correction notice, by the ids the notice gave them.</summary>
    public static object ResubmitPayload(CaseView view)
    {
        var notice = Assert.Single(view.OpenSteps, s => s.Actions.Contains(ActionNames.Resubmit));
        return new { answers = notice.Data.Deficiencies!.Select(d => new { deficiencyId = d.Id, note = "已补正" }).ToArray() };
    }

    /// <summary>Records compare their lists by reference; the stored JSON is what has to match.</summary>
    public static string Json(CaseView view) => JsonSerializer.Serialize(view, StableJsonGrainStorageSerializer.Options);

    /// <summary>The journal's sequence numbers run 1, 2, 3 … without a gap.</summary>
    public static void AssertJournalGapFree(CaseView view) =>
        Assert.Equal(Enumerable.Range(1, view.Journal.Count).Select(i => (long)i), view.Journal.Select(e => e.Sequence));

    public static string Describe(CaseResult result) =>
        $"{result.Outcome} field={result.Field ?? "-"} message={result.Message ?? "-"}";
}
