using System.Globalization;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>One department's step of a routed review, as a coordinator follows it.</summary>
/// <param name="State"><c>waiting</c> (its group or turn has not come), <c>open</c>, <c>approved</c>, <c>correction</c> or <c>denied</c>.</param>
public sealed record ReviewStepProgress(
    int Group, bool Parallel, string Part, string Department, string? Reviewer, DateTimeOffset? DueAt, string State, string? StepId);

/// <summary>Reads (and, for a paused clock, shifts) the plan a back-office review keeps in the workflow state.</summary>
public static class ReviewProgress
{
    private const string ReviewType = "ServiceHall.BackOfficeReview";

    /// <summary>The steps of the review in progress, or of the last one that finished; empty before routing.</summary>
    public static IReadOnlyList<ReviewStepProgress> Describe(WorkflowState state)
    {
        var (activityId, plan) = Plan(state);
        if (plan is null)
        {
            return [];
        }

        var groups = plan["groups"]!.AsArray();
        var decisions = plan["decisions"] as JsonObject ?? [];
        var open = state.OpenSteps.Where(s => s.ActivityId == activityId && s.Data["part"] is not null)
            .ToDictionary(s => s.Data["part"]!.GetValue<string>());
        var result = new List<ReviewStepProgress>();
        for (var g = 0; g < groups.Count; g++)
        {
            var parallel = groups[g]!["parallel"]?.GetValue<bool>() ?? true;
            var steps = groups[g]!["steps"]!.AsArray();
            for (var s = 0; s < steps.Count; s++)
            {
                var part = $"g{g}s{s}";
                var step = steps[s]!.AsObject();
                var openStep = open.GetValueOrDefault(part);
                var decision = decisions[part]?["decision"]?.GetValue<string>();
                result.Add(new ReviewStepProgress(
                    g, parallel, part,
                    openStep?.Department ?? step["department"]?.GetValue<string>() ?? "",
                    openStep?.AssignedTo ?? step["reviewer"]?.GetValue<string>(),
                    openStep?.DueAt ?? RoutingPlan.DueAt(step),
                    decision ?? (openStep is not null ? "open" : "waiting"),
                    openStep?.Id));
            }
        }

        return result;
    }

    /// <summary>
    /// A copy of <paramref name="state"/> whose undecided review steps fall due later by <paramref name="shift"/>
    /// (the hall's working time a paused clock stood still); decided steps keep their dates.
    /// </summary>
    public static WorkflowState ShiftDueDates(WorkflowState state, Func<DateTimeOffset, DateTimeOffset> shift)
    {
        // A fork shares the steps and the plan with the given state: the ones changed here are copied first.
        var copy = state.Fork();
        for (var i = 0; i < copy.OpenSteps.Count; i++)
        {
            if (copy.OpenSteps[i] is { ActivityType: ReviewType, DueAt: { } due } step)
            {
                var shifted = step.ShallowCopy();
                shifted.DueAt = shift(due);
                copy.OpenSteps[i] = shifted;
            }
        }

        if (Plan(copy).ActivityId is { } planner)
        {
            copy.ActivityData[planner] = (JsonObject)copy.ActivityData[planner].DeepClone();
        }

        var (_, plan) = Plan(copy);
        if (plan?["groups"] is JsonArray groups && plan["decisions"] is JsonObject decisions)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                var steps = groups[g]!["steps"]!.AsArray();
                for (var s = 0; s < steps.Count; s++)
                {
                    var step = steps[s]!.AsObject();
                    if (decisions[$"g{g}s{s}"] is null && RoutingPlan.DueAt(step) is { } due)
                    {
                        step["dueAt"] = shift(due).ToString("O", CultureInfo.InvariantCulture);
                    }
                }
            }
        }

        if (Plan(copy).ActivityId is { } changed)
        {
            StoredJson.Normalize(copy.ActivityData[changed]);
        }

        return copy;
    }

    private static (string? ActivityId, JsonObject? Plan) Plan(WorkflowState state)
    {
        foreach (var (activityId, data) in state.ActivityData)
        {
            if (data["groups"] is JsonArray && data["decisions"] is JsonObject)
            {
                return (activityId, data);
            }
        }

        foreach (var (activityId, data) in state.ActivityData)
        {
            if (data[BackOfficeReviewActivity.FinishedKey] is JsonObject finished)
            {
                return (activityId, finished);
            }
        }

        return (null, null);
    }
}
