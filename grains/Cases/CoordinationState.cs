using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// What a key project's coordinator stands for (综合协调、全程服务、信息反馈): who serves it, how urgent it is, what the
/// applicant was told and how it was closed. Immutable; every change stores a new copy with the case.
/// </summary>
internal sealed record CoordinationState : StoredRecord
{
    public string? District { get; init; }
    public string Coordinator { get; init; } = "";

    /// <summary><c>rule</c> (least-loaded of the district) or the admin who chose.</summary>
    public string AssignedBy { get; init; } = "rule";

    public DateTimeOffset AssignedAt { get; init; }

    /// <summary>0 normal, 1 high (加急), 2 urgent (特急); each escalation raises it.</summary>
    public int Priority { get; init; }

    public IReadOnlyList<CoordinatorFeedback> Feedback { get; init; } = [];

    public DateTimeOffset? ClosedAt { get; init; }
    public string? Summary { get; init; }
}

internal sealed record CoordinatorFeedback(DateTimeOffset At, string By, string Message) : StoredRecord;
