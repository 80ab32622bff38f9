using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// A case's whole workflow journal for the trace view: the entries activation left in storage, read page by page,
/// then the ones added in memory since. Only the trace reads it, so a long case activates without it.
/// </summary>
internal static class StoredWorkflowJournal
{
    private const int PageSize = 500;

    public static async Task<List<JournalEntry>> ReadAsync(ICaseStore store, string caseId, CaseState state, CancellationToken cancellationToken = default)
    {
        var entries = new List<JournalEntry>((int)state.WorkflowJournalStored + state.WorkflowJournal.Count);
        while (entries.Count < state.WorkflowJournalStored)
        {
            var take = (int)Math.Min(PageSize, state.WorkflowJournalStored - entries.Count);
            var page = await store.ReadEntriesAsync(caseId, CaseRows.WorkflowJournal.Table, entries.Count, take, cancellationToken);
            if (page.Count == 0)
            {
                // Purged under us (retention): the trace shows what is left.
                break;
            }

            entries.AddRange(page.Select(CaseList<JournalEntry>.Deserialize));
        }

        entries.AddRange(state.WorkflowJournal);
        return entries;
    }
}
