using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>Who sends a command: a signed-in staff member (role + scope from the staff directory) or the applicant.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseActor")]
public sealed record CaseActor(
    [property: Id(0)] string Id,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Hall = null,
    [property: Id(3)] string? Window = null,
    [property: Id(4)] string? Department = null,
    [property: Id(5)] string? District = null)
{
    public static CaseActor Applicant(string trackingCode) => new("applicant:" + trackingCode, Roles.Applicant);

    public bool IsApplicant => Role == Roles.Applicant;

    public Actor ToWorkflowActor() => new(Id, Role, new ActorScope(Hall, Window, Department, District));
}

/// <summary>The staff roles of ARCHITECTURE §5 beyond those the workflow steps name.</summary>
public static class StaffRoles
{
    public const string Clerk = Roles.Clerk;
    public const string Reviewer = Roles.Reviewer;
    public const string Coordinator = Roles.Coordinator;
    public const string Manager = "manager";
    public const string Designer = "designer";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Clerk, Reviewer, Coordinator, Manager, Designer, Admin];
}
