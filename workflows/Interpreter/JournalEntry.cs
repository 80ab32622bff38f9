using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>One line of an instance's execution log; sequence numbers run without gaps across all stimuli.</summary>
public sealed record JournalEntry : StoredRecord
{
    public long Sequence { get; init; }
    public DateTimeOffset At { get; init; }
    public JournalEvent Event { get; init; }
    public string? ActivityId { get; init; }
    public string? ActivityType { get; init; }
    public string? NodeId { get; init; }
    public string? ActivityName { get; init; }
    public string? StepId { get; init; }

    /// <summary>The outcome ports taken, for a completed activity.</summary>
    public IReadOnlyList<string>? Outcomes { get; init; }

    public string? Action { get; init; }
    public string? ActorId { get; init; }
    public string? ActorRole { get; init; }
    public string? Message { get; init; }
    public JsonNode? Payload { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<JournalEvent>))]
public enum JournalEvent
{
    WorkflowStarted,
    WorkflowFinished,
    WorkflowFaulted,
    Started,
    Completed,
    Suspended,
    StepOpened,
    StepClosed,
    StepCancelled,
    Resumed,
    TimerFired,
    Faulted,
}
