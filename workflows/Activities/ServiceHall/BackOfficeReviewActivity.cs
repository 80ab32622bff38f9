using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>
/// <c>ServiceHall.BackOfficeReview</c> (后台审批): one step per department, following a routing plan or a department list.
/// </summary>
/// <remarks>
/// A denial ends the review at once. Correction requests are collected until every department of the group has
/// decided, so the applicant gets one notice for the whole round; after the resubmission only the departments
/// that asked look again, while earlier approvals stand.
/// </remarks>
public sealed partial class BackOfficeReviewActivity : IHumanStepActivity
{
    public const string Approved = "Approved";
    public const string CorrectionRequested = "CorrectionRequested";
    public const string Denied = "Denied";

    private const string ApprovedDecision = "approved";
    private const string CorrectionDecision = "correction";

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "BackOfficeReview", "后台审批 Back-office review", "Departments review the application, in parallel or in turn, and approve, deny or request a correction.",
        ports:
        [
            DescriptorParts.Port(Approved, "批准 Approved"),
            DescriptorParts.Port(CorrectionRequested, "补正 Needs correction"),
            DescriptorParts.Port(Denied, "不予批准 Denied"),
        ],
        inputs:
        [
            DescriptorParts.Typed("Departments", "String[]", "Departments", "Departments that review in parallel (a JSON array or comma-separated).", defaultSyntax: "JavaScript"),
            DescriptorParts.Typed("RoutingPlan", "Object", "Routing plan", "A coordinator's plan; takes precedence over Departments.", order: 1, defaultSyntax: "Variable"),
        ],
        outputs:
        [
            ServiceHallDescriptor.DeficienciesOutput(),
            DescriptorParts.Output("Opinions", "Object", "Opinions", "Each department's decision and opinion."),
        ]);

    public ActivityResult Execute(ActivityContext context)
    {
        if (context.Data["groups"] is JsonArray)
        {
            // Back after a correction: the departments that asked for it review again.
            var decisions = Decisions(context);
            foreach (var key in decisions.Where(d => Decision(d.Value) == CorrectionDecision).Select(d => d.Key).ToList())
            {
                decisions.Remove(key);
            }
        }
        else
        {
            var groups = RoutingPlan.Groups(context.Evaluate("RoutingPlan"))
                ?? RoutingPlan.Groups(RoutingPlan.ForDepartments(context.GetTexts("Departments")))!;
            if (!groups.OfType<JsonObject>().Any(g => g["steps"] is JsonArray { Count: > 0 }))
            {
                throw context.Fault("No department is named to review.");
            }

            context.Data.Remove(FinishedKey);
            context.Data["groups"] = groups.DeepClone();
            context.Data["group"] = 0;
            context.Data["decisions"] = new JsonObject();
        }

        OpenPending(context);
        return ActivityResult.Wait;
    }

    public ActivityResult Resume(StepContext step)
    {
        var context = step.Activity;
        var key = step.Step.Data["part"]!.GetValue<string>();
        var decision = new JsonObject { ["department"] = step.Step.Department, ["by"] = step.Actor.Id };
        switch (step.Action)
        {
            case ActionNames.Deny:
                decision["decision"] = "denied";
                decision["reason"] = Payload.RequiredText(step.Payload, "reason");
                Decisions(context)[key] = decision;

                // A denial after review is a written decision the applicant may appeal against: the hall prints it.
                context.Emit(new IssueDocument(DocumentKinds.DenialDecision, new JsonObject
                {
                    ["reason"] = decision["reason"]!.DeepClone(),
                    ["department"] = step.Step.Department,
                    ["deniedBy"] = step.Actor.Id,
                }));
                foreach (var other in context.OpenSteps)
                {
                    context.CancelStep(other, $"Department '{step.Step.Department}' denied the application.");
                }

                context.SetOutput("Opinions", Opinions(context));
                Finish(context);
                return ActivityResult.Outcome(Denied);

            case ActionNames.Approve:
                decision["decision"] = ApprovedDecision;
                decision["opinion"] = Payload.OptionalText(step.Payload, "opinion");
                break;

            default:
                decision["decision"] = CorrectionDecision;
                decision["deficiencies"] = Deficiencies.Raised(step);
                break;
        }

        Decisions(context)[key] = decision;
        return Advance(context, Decision(decision) == CorrectionDecision);
    }

    private static ActivityResult Advance(ActivityContext context, bool correctionJustRequested)
    {
        var group = CurrentGroup(context);
        var parallel = group["parallel"]?.GetValue<bool>() ?? true;
        var decisions = Decisions(context);
        var keys = StepKeys(context).ToList();
        var groupDone = keys.All(decisions.ContainsKey) || (!parallel && correctionJustRequested);
        if (!groupDone)
        {
            OpenPending(context);
            return ActivityResult.Wait;
        }

        var corrections = keys.Where(k => Decision(decisions[k]) == CorrectionDecision).ToList();
        if (corrections.Count > 0)
        {
            var all = new JsonArray();
            foreach (var item in corrections.SelectMany(k => decisions[k]!["deficiencies"]!.AsArray()))
            {
                all.Add(item?.DeepClone());
            }

            context.SetOutput("Deficiencies", all);
            return ActivityResult.Outcome(CorrectionRequested);
        }

        var next = context.Data["group"]!.GetValue<int>() + 1;
        if (next < Groups(context).Count)
        {
            context.Data["group"] = next;
            OpenPending(context);
            return ActivityResult.Wait;
        }

        context.SetOutput("Opinions", Opinions(context));
        Finish(context);
        return ActivityResult.Outcome(Approved);
    }

    private static void OpenPending(ActivityContext context)
    {
        var group = CurrentGroup(context);
        var parallel = group["parallel"]?.GetValue<bool>() ?? true;
        var decisions = Decisions(context);
        var open = context.OpenSteps.Select(s => s.Data["part"]?.GetValue<string>()).ToHashSet();
        var steps = group["steps"]!.AsArray();
        var index = context.Data["group"]!.GetValue<int>();
        for (var s = 0; s < steps.Count; s++)
        {
            var key = $"g{index}s{s}";
            if (decisions.ContainsKey(key) || open.Contains(key))
            {
                if (!parallel && open.Contains(key))
                {
                    return;
                }

                continue;
            }

            var planStep = steps[s]!.AsObject();
            var department = planStep["department"]?.GetValue<string>();
            context.OpenStep(new StepSpec(BoardStage.BackOfficeReview, [ActionNames.Approve, ActionNames.Deny, ActionNames.RequestCorrection], [Roles.Reviewer], Part: key)
            {
                Department = department,
                AssignedTo = planStep["reviewer"]?.GetValue<string>(),
                DueAt = RoutingPlan.DueAt(planStep),
                Data = new JsonObject { ["part"] = key, ["department"] = department },
            });
            if (!parallel)
            {
                return;
            }
        }
    }

    private static JsonArray Groups(ActivityContext context) => context.Data["groups"]!.AsArray();

    private static JsonObject CurrentGroup(ActivityContext context) => Groups(context)[context.Data["group"]!.GetValue<int>()]!.AsObject();

    private static JsonObject Decisions(ActivityContext context) => context.Data["decisions"]!.AsObject();

    private static IEnumerable<string> StepKeys(ActivityContext context)
    {
        var index = context.Data["group"]!.GetValue<int>();
        return Enumerable.Range(0, CurrentGroup(context)["steps"]!.AsArray().Count).Select(s => $"g{index}s{s}");
    }

    private static string? Decision(JsonNode? decision) => decision?["decision"]?.GetValue<string>();

    private static JsonArray Opinions(ActivityContext context) =>
        new(Decisions(context).Select(d => d.Value?.DeepClone()).ToArray());
}
