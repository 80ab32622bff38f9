namespace ServiceHall.Workflows.Interpreter;

/// <summary>
/// What a stimulus produced. On success: the new state, the journal entries to append and the effects to carry out.
/// On refusal: <see cref="Error"/>, the caller's own state object, and no journal entries or effects.
/// </summary>
public sealed record StimulusResult(WorkflowState State, IReadOnlyList<JournalEntry> Journal, IReadOnlyList<WorkflowEffect> Effects, StimulusError? Error)
{
    public bool Succeeded => Error is null;

    internal static StimulusResult Refused(WorkflowState unchanged, StimulusError error) => new(unchanged, [], [], error);
}
