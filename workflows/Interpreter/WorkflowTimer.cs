using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>A pending timer; the host fires it back as a <see cref="TimerFired"/> stimulus.</summary>
public sealed class WorkflowTimer : StoredObject
{
    public string Id { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public TimerPurpose Purpose { get; set; }

    /// <summary>A blocking timer holds its path (a delay, a deadline); a watch timer does not keep the workflow alive.</summary>
    public bool Blocking { get; set; }

    /// <summary>The step this timer is the deadline of, if any.</summary>
    public string? StepId { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<TimerPurpose>))]
public enum TimerPurpose
{
    /// <summary>An <c>Elsa.Delay</c>.</summary>
    Delay,

    /// <summary>The case's service-level clock; firing it raises the breach path.</summary>
    Sla,

    /// <summary>The applicant's deadline to answer a correction notice.</summary>
    CorrectionDeadline,
}
