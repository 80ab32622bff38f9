namespace ServiceHall.Workflows.Interpreter;

/// <summary>Finds the open step a <see cref="ResumeStep"/> is meant for and checks the actor may take the action there.</summary>
internal static class StepResolver
{
    public static OpenStep Resolve(WorkflowState state, ResumeStep stimulus)
    {
        var named = stimulus.StepId is null
            ? state.OpenSteps
            : state.OpenSteps.Where(step => step.Id == stimulus.StepId || step.ActivityId == stimulus.StepId).ToList();
        if (stimulus.StepId is not null && named.Count == 0)
        {
            throw Refuse(new StepNotFound(stimulus.StepId));
        }

        var offering = named.Where(step => step.Actions.Contains(stimulus.Action, StringComparer.Ordinal)).ToList();
        if (offering.Count == 0)
        {
            throw Refuse(new ActionNotAvailable(stimulus.Action, state.AvailableActions()));
        }

        var permitted = offering.Where(step => Check(step, stimulus) is null).ToList();
        return permitted.Count switch
        {
            1 => permitted[0],
            0 => throw Refuse(Check(offering[0], stimulus)!),
            _ => throw Refuse(new AmbiguousStep(stimulus.Action, permitted.Select(step => step.Id).ToList())),
        };
    }

    private static StimulusError? Check(OpenStep step, ResumeStep stimulus)
    {
        var actor = stimulus.Actor;
        if (!step.Roles.Contains(actor.Role, StringComparer.Ordinal))
        {
            return new RoleNotAllowed(stimulus.Action, actor.Role, step.Roles);
        }

        // Applicants reach only their own case (through its tracking code), so staff scopes do not apply to them.
        if (actor.Role == Roles.Applicant)
        {
            return null;
        }

        var scope = actor.Scope ?? new ActorScope();
        if (MissingScope(actor.Role, scope) is { } missing)
        {
            return new OutOfScope(stimulus.Action, missing);
        }

        if (step.AssignedTo is not null && step.AssignedTo != actor.Id)
        {
            return new OutOfScope(stimulus.Action, $"the assigned reviewer '{step.AssignedTo}'");
        }

        if (step.Department is not null && actor.Role == Roles.Reviewer && step.Department != scope.Department)
        {
            return new OutOfScope(stimulus.Action, $"a reviewer of department '{step.Department}'");
        }

        if (step.Hall is not null && actor.Role == Roles.Clerk && step.Hall != scope.Hall)
        {
            return new OutOfScope(stimulus.Action, $"a clerk of hall '{step.Hall}'");
        }

        if (step.District is not null && actor.Role == Roles.Coordinator && step.District != scope.District)
        {
            return new OutOfScope(stimulus.Action, $"a coordinator of district '{step.District}'");
        }

        return null;
    }

    /// <summary>
    /// Staff are checked against the scope of their role; one without it would pass every step that names no hall,
    /// department or district (a correction notice names none), so such an actor is refused outright.
    /// </summary>
    private static string? MissingScope(string role, ActorScope scope) => role switch
    {
        Roles.Clerk when scope.Hall is null => "a clerk of a hall",
        Roles.Reviewer when scope.Department is null => "a reviewer of a department",
        Roles.Coordinator when scope.District is null => "a coordinator of a district",
        _ => null,
    };

    private static StimulusRejectedException Refuse(StimulusError error) => new(error);
}
