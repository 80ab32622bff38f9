using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>
/// A key-project coordinator steering a routed review (综合协调): another reviewer or department for one plan step,
/// or one more department. Decisions already taken stand; only undecided steps (and those sent back for correction,
/// which review again after the resubmission) can be reassigned.
/// </summary>
public sealed partial class BackOfficeReviewActivity : ISteerableActivity
{
    public const string Reassign = "reassign";
    public const string AddDepartment = "add-department";

    /// <summary>The plan and decisions of the last finished review, kept so the coordinator's console can show how it ended.</summary>
    internal const string FinishedKey = "finished";

    public bool CanSteer(ActivityContext context) => context.Data["groups"] is JsonArray;

    public ActivityResult Steer(ActivityContext context, string change, JsonObject payload)
    {
        // A review waiting for the applicant's correction has no open step; changes then wait for its return.
        var reviewing = context.OpenSteps.Count > 0;
        switch (change)
        {
            case Reassign:
                ReassignStep(context, payload);
                break;
            case AddDepartment:
                AddStep(context, payload);
                break;
            default:
                throw Invalid("change", $"must be {Reassign} or {AddDepartment}.", SteeringRules.UnknownChange, ("allowed", $"{Reassign}, {AddDepartment}"));
        }

        if (reviewing)
        {
            OpenPending(context);
        }

        return ActivityResult.Wait;
    }

    /// <summary>The error catalogue's codes of the steering rules checked here.</summary>
    public static class SteeringRules
    {
        public const string UnknownChange = "steer.unknownChange";
        public const string StepNotOpen = "reassign.stepNotOpen";
        public const string PartRequired = "reassign.partRequired";
        public const string UnknownPart = "reassign.unknownPart";
        public const string AlreadyDecided = "reassign.alreadyDecided";
        public const string NothingNamed = "reassign.nothingNamed";
    }

    // Every field is checked before refusing, so the coordinator sees all that is wrong with the change at once.
    private static void ReassignStep(ActivityContext context, JsonObject payload)
    {
        var problems = new PayloadProblems();
        var stepId = problems.Check(() => Payload.OptionalText(payload, "stepId"), null);
        var part = problems.Check(() => Payload.OptionalText(payload, "part"), null);
        var reviewer = problems.Check(() => Payload.OptionalText(payload, "reviewer"), null);
        var department = problems.Check(() => Payload.OptionalText(payload, "department"), null);
        var dueAt = problems.Check(() => RoutingPlan.DueAt(payload, "dueAt"), null);
        var open = stepId is null ? null : context.OpenSteps.FirstOrDefault(s => s.Id == stepId);
        if (stepId is not null && open is null)
        {
            problems.Add(Invalid("stepId", $"no open department review step '{stepId}'.", SteeringRules.StepNotOpen, ("stepId", stepId)));
        }

        part ??= open?.Data["part"]?.GetValue<string>();
        JsonObject? planStep = null;
        if (part is null)
        {
            if (stepId is null)
            {
                problems.Add(Invalid("stepId", "name the step (stepId) or the plan part.", SteeringRules.PartRequired));
            }
        }
        else if ((planStep = PlanStep(context, part)) is null)
        {
            problems.Add(Invalid("part", $"the plan has no step '{part}'.", SteeringRules.UnknownPart, ("part", part)));
        }
        else if (Decision(Decisions(context)[part]) is { } decided && decided != CorrectionDecision)
        {
            problems.Add(Invalid("part", $"step '{part}' is already decided ({decided}).", SteeringRules.AlreadyDecided, ("part", part), ("decision", decided)));
        }

        if (reviewer is null && department is null && payload["dueAt"] is null)
        {
            problems.Add(Invalid("reviewer", "name a new reviewer, department or due date.", SteeringRules.NothingNamed));
        }

        problems.ThrowIfAny();
        if (department is not null)
        {
            planStep!["department"] = department;

            // The old department's reviewer cannot review for the new one.
            planStep.Remove("reviewer");
        }

        if (reviewer is not null)
        {
            planStep!["reviewer"] = reviewer;
        }

        if (dueAt is not null)
        {
            planStep!["dueAt"] = dueAt;
        }

        if (context.OpenSteps.FirstOrDefault(s => s.Data["part"]?.GetValue<string>() == part) is { } current)
        {
            context.CancelStep(current, "改派 Reassigned by the coordinator.");
        }
    }

    private static void AddStep(ActivityContext context, JsonObject payload)
    {
        var step = RoutingPlan.CanonicalStep(payload);
        var groups = Groups(context);
        var current = context.Data["group"]!.GetValue<int>();
        if (payload["newGroup"] is JsonValue flag && flag.TryGetValue(out bool newGroup) && newGroup)
        {
            // After every planned group: the added department reviews last, on its own.
            groups.Add(new JsonObject { ["parallel"] = false, ["steps"] = new JsonArray(step) });
            return;
        }

        groups[current]!["steps"]!.AsArray().Add(step);
    }

    private static StimulusRejectedException Invalid(string field, string problem, string rule, params (string Name, string Value)[] args) =>
        new(new InvalidPayload(field, problem, rule) { Args = args.ToDictionary(a => a.Name, a => a.Value) });

    private static JsonObject? PlanStep(ActivityContext context, string part)
    {
        var match = System.Text.RegularExpressions.Regex.Match(part, @"^g(\d+)s(\d+)$");
        if (!match.Success)
        {
            return null;
        }

        var (g, s) = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
        var groups = Groups(context);
        return g < groups.Count && groups[g]!["steps"] is JsonArray steps && s < steps.Count ? steps[s] as JsonObject : null;
    }

    private static void Finish(ActivityContext context)
    {
        var finished = new JsonObject
        {
            ["groups"] = Groups(context).DeepClone(),
            ["decisions"] = Decisions(context).DeepClone(),
        };
        context.ClearData();
        context.Data[FinishedKey] = finished;
    }
}
