namespace ServiceHall.Grains.Cases.Policy;

/// <summary>
/// The staff view as one viewer sees it: the actions they may take now (by <see cref="CasePolicy"/>, so a button
/// shown is a button that works), the ones waiting for others, and the departments the case was routed to.
/// </summary>
internal static class ViewerActions
{
    public static CaseView Staff(CaseState state, CaseActor viewer, DateTimeOffset now) =>
        Staff(state, viewer, now, CasePlacement.From(state));

    /// <summary>The same, with the placement of <paramref name="state"/> the caller already has.</summary>
    public static CaseView Staff(CaseState state, CaseActor viewer, DateTimeOffset now, CasePlacement placement)
    {
        var view = CaseViews.Staff(state, now);
        var mine = view.AvailableActions.Where(a => May(viewer, placement, state, a)).ToList();
        return view with
        {
            AvailableActions = mine,
            WaitingFor = [.. view.AvailableActions.Except(mine).DistinctBy(a => (a.Name, a.Role))],
            RoutedDepartments = placement.RoutedDepartments,
        };
    }

    private static bool May(CaseActor viewer, CasePlacement placement, CaseState state, CaseActionView action) =>
        action.StepId is null
            ? CasePolicy.MayTakeCaseAction(viewer, placement, action.Role)
            : action.Role == viewer.Role
                && state.Workflow.OpenSteps.FirstOrDefault(s => s.Id == action.StepId) is { } step
                && CasePolicy.CanActOnStep(viewer, placement, step, action.Name);
}
