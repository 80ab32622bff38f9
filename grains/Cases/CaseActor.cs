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
