namespace ServiceHall.Workflows.Interpreter;

/// <summary>
/// Whether an actor may take an action on one open step, judged from the step alone (its roles, hall, department,
/// district, assignee). The one step-level rule: the interpreter applies it when no host authorisation is given, and
/// the host's case policy builds on it (adding what only the host knows, such as the case's own hall).
/// </summary>
public static class StepRule
{
    /// <summary>Null when <paramref name="actor"/> may take <paramref name="action"/> on <paramref name="step"/>; else why not.</summary>
    public static StimulusError? Check(OpenStep step, Actor actor, string action)
    {
        if (!step.Roles.Contains(actor.Role, StringComparer.Ordinal))
        {
            return new RoleNotAllowed(action, actor.Role, step.Roles);
        }

        // Applicants reach only their own case (through its tracking code), so staff scopes do not apply to them.
        if (actor.Role == Roles.Applicant)
        {
            return null;
        }

        var scope = actor.Scope ?? new ActorScope();
        if (MissingScope(actor.Role, scope) is { } missing)
        {
            return new OutOfScope(action, missing);
        }

        if (step.AssignedTo is not null && step.AssignedTo != actor.Id)
        {
            return new OutOfScope(action, $"the assigned reviewer '{step.AssignedTo}'");
        }

        if (step.Department is not null && actor.Role == Roles.Reviewer && step.Department != scope.Department)
        {
            return new OutOfScope(action, $"a reviewer of department '{step.Department}'");
        }

        if (step.Hall is not null && actor.Role == Roles.Clerk && step.Hall != scope.Hall)
        {
            return new OutOfScope(action, $"a clerk of hall '{step.Hall}'");
        }

        if (step.District is not null && actor.Role == Roles.Coordinator && step.District != scope.District)
        {
            return new OutOfScope(action, $"a coordinator of district '{step.District}'");
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
}
