using System.Text.Json.Nodes;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// One command on its way through the case's pipeline: a step action, a case-level or steering action, a workflow
/// timer or an SLA tick. The payload is the action's body as the interpreter reads it.
/// </summary>
internal sealed record CaseRequest(string Action, CaseActor Actor, JsonObject Payload)
{
    public string? StepId { get; init; }
    public string? IdempotencyKey { get; init; }

    /// <summary>From <c>If-Match</c>: the version the caller saw.</summary>
    public long? ExpectedVersion { get; init; }

    public IReadOnlyList<UploadedMaterial> Uploads { get; init; } = [];

    /// <summary>The caller wants only the case's headline back (<see cref="CaseActionCommand.MinimalAnswer"/>).</summary>
    public bool MinimalAnswer { get; init; }

    public static CaseRequest From(CaseActionCommand command, JsonObject payload) => new(command.Action, command.Actor, payload)
    {
        StepId = command.StepId,
        IdempotencyKey = command.IdempotencyKey,
        ExpectedVersion = command.ExpectedVersion,
        Uploads = command.Uploads,
        MinimalAnswer = command.MinimalAnswer,
    };

    /// <summary>A stimulus the case gives itself (a timer, the statutory clock): no caller to authorise or answer.</summary>
    public static CaseRequest FromSystem(string action, JsonObject? payload = null) => new(action, CaseActors.System, payload ?? []);
}

internal static class CaseActors
{
    public static readonly CaseActor System = new("system", "system");

    // By reference only: the system actor is made inside the grain and never crosses a call, so no caller can pose as it.
    public static bool IsSystem(this CaseActor actor) => ReferenceEquals(actor, System);
}
