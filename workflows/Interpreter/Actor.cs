namespace ServiceHall.Workflows.Interpreter;

/// <summary>Who takes an action: a staff user with a role and scope from the staff directory, or the applicant.</summary>
public sealed record Actor(string Id, string Role, ActorScope? Scope = null);

/// <summary>Where a staff user may act; each field that is set narrows it.</summary>
public sealed record ActorScope(string? Hall = null, string? Window = null, string? Department = null, string? District = null);

/// <summary>The roles the shipped activities name.</summary>
public static class Roles
{
    public const string Clerk = "clerk";
    public const string Reviewer = "reviewer";
    public const string Coordinator = "coordinator";
    public const string Applicant = "applicant";
}
