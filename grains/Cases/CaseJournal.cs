using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>The workflow side of a case journal entry: the steps a stimulus moved through.</summary>
internal static class CaseJournal
{
    /// <summary>The steps opened, closed and completed (with their outcomes), from the interpreter's own journal.</summary>
    public static IReadOnlyList<CaseJournalStep> Steps(IReadOnlyList<JournalEntry> entries) =>
        entries.Where(e => e.Event is JournalEvent.StepOpened or JournalEvent.StepClosed or JournalEvent.Completed or JournalEvent.WorkflowFinished)
            .Select(e => new CaseJournalStep(e.Event.ToString(), e.ActivityName ?? e.ActivityId, e.Outcomes is { Count: > 0 } o ? [.. o] : []))
            .ToList();
}
