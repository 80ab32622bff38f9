using ServiceHall.Workflows.Activities.ServiceHall;

namespace ServiceHall.Grains.Cases;

/// <summary>Builds a case's <see cref="CoordinationView"/>: the coordinator's record plus the review plan read from the workflow.</summary>
internal static class CoordinationViews
{
    /// <summary>
    /// Journal actions only staff see: the applicant's tracker shows feedback, clock and closing, not internal steering
    /// (whose summaries name coordinators and reviewers).
    /// </summary>
    public static readonly IReadOnlySet<string> InternalActions = new HashSet<string>
    {
        AssignCoordinatorAction.ActionName, BackOfficeReviewActivity.Reassign, BackOfficeReviewActivity.AddDepartment, "escalate",
    };

    public static CoordinationView? For(CaseState state, DateTimeOffset? now)
    {
        if (state.Coordination is not { } coordination)
        {
            return null;
        }

        return new CoordinationView
        {
            District = coordination.District,
            Coordinator = coordination.Coordinator,
            Priority = coordination.Priority,
            ClockHeldSince = state.Sla.HeldSince,
            ClockHeldReason = state.Sla.HeldReason,
            Steps = [.. ReviewProgress.Describe(state.Workflow).Select(step => new PlanStepView(
                step.Group, step.Parallel, step.Part, step.Department, step.Reviewer, step.DueAt, step.State, step.StepId,
                Overdue: step.State is "open" or "waiting" && step.DueAt < now && CaseStatuses.IsFinal(state.Status) is false))],
            Feedback = [.. coordination.Feedback.Select(f => new FeedbackView(f.At, f.Message))],
            ClosedAt = coordination.ClosedAt,
            Summary = coordination.Summary,
        };
    }
}
