namespace ServiceHall.Grains.Cases;

/// <summary>
/// Where a case's workflow stands, for designers following cases on the flowchart: the pinned version, the
/// interpreter's state and its execution journal. No applicant details, so designers may see every case's.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseWorkflowTrace")]
public sealed record CaseWorkflowTrace
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Number { get; init; }
    [Id(2)] public required string ServiceItemName { get; init; }
    [Id(3)] public required string Hall { get; init; }

    /// <summary>open, suspended, completed, rejected, denied, withdrawn, cancelled.</summary>
    [Id(4)] public required string Status { get; init; }

    [Id(5)] public required DefinitionRef Workflow { get; init; }
    [Id(6)] public required DateTimeOffset OpenedAt { get; init; }
    [Id(7)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the case reached a final status.</summary>
    [Id(8)] public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The interpreter's <c>WorkflowState</c> in the engine's JSON (variables, open steps, timers, incidents).</summary>
    [Id(9)] public required string WorkflowStateJson { get; init; }

    /// <summary>The interpreter's journal entries, oldest first, as a JSON array.</summary>
    [Id(10)] public required string JournalJson { get; init; }
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseWorkflowTraceResult")]
public sealed record CaseWorkflowTraceResult([property: Id(0)] CaseOutcome Outcome, [property: Id(1)] CaseWorkflowTrace? Trace, [property: Id(2)] string? Message = null);
