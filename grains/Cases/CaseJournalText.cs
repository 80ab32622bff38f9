using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>The short human-readable lines of the case journal.</summary>
internal static class CaseJournalText
{
    public static IReadOnlyList<string> Steps(IReadOnlyList<JournalEntry> entries) =>
        entries.Where(e => e.Event is JournalEvent.StepOpened or JournalEvent.StepClosed or JournalEvent.Completed or JournalEvent.WorkflowFinished)
            .Select(e => $"{e.Event}: {e.ActivityName ?? e.ActivityId}{(e.Outcomes is { Count: > 0 } o ? " → " + string.Join(",", o) : "")}")
            .ToList();
}
