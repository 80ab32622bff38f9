using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities;

/// <summary>What a human step asks for: who may act, with which actions, and which board stage it stands for.</summary>
/// <param name="Part">Distinguishes several steps of one activity (one per department); null for a single step.</param>
public sealed record StepSpec(BoardStage Stage, IReadOnlyList<string> Actions, IReadOnlyList<string> Roles, string? Part = null)
{
    public string? Department { get; init; }
    public string? Hall { get; init; }
    public string? District { get; init; }
    public string? AssignedTo { get; init; }
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When set, the step closes on its own after this long and the activity's timer handler runs.</summary>
    public TimeSpan? Deadline { get; init; }

    public TimerPurpose DeadlinePurpose { get; init; } = TimerPurpose.CorrectionDeadline;
    public JsonObject? Data { get; init; }
}
