using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>
/// A coordinator changes a running review plan (<c>reassign</c>, <c>add-department</c>) rather than acting on a step;
/// the host has already checked who may steer.
/// </summary>
public sealed record SteerPlan(DateTimeOffset At, string Change, Actor Actor, JsonObject? Payload = null) : Stimulus(At);

/// <summary>No activity holds a plan to steer: the coordinator has not routed yet, or the review is over.</summary>
public sealed record NothingToSteer(string Change) : StimulusError
{
    public override string Code => "nothing-to-steer";
    public override string Message => $"'{Change}' needs a routed department review in progress; there is none now.";
}
