namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// The case grain's copy of its stored case: the state it works on, the state storage holds (they differ only while
/// sent-message marks wait for the next save), and the head revision its next save must find.
/// </summary>
internal sealed class StoredCase
{
    /// <summary>The case as the grain knows it; a command replaces it with a changed copy, never edits it in place.</summary>
    public CaseState State { get; set; } = new();

    /// <summary>The case as storage holds it.</summary>
    public CaseState Persisted { get; private set; } = new();

    /// <summary>The stored head's revision; null while the case is not stored.</summary>
    public long? Revision { get; private set; }

    private long _outboxPosition;

    // The board row of the last save that moved the case to a new version: the stored row of that version is exactly
    // this one (only the save that creates a version writes its row first; later writes of the same version change
    // nothing). Unknown after activation.
    private Board.CaseSummaryRow? _savedSummary;

    public bool HasUnsavedChanges => !ReferenceEquals(State, Persisted);

    public void Loaded(StoredCaseRows? rows)
    {
        State = Persisted = rows is null ? new CaseState() : CaseRows.Read(rows);
        Revision = rows?.Revision;
        _savedSummary = null;
        _outboxPosition = rows is { Outbox.Count: > 0 } ? rows.Outbox.Max(r => r.Position) : 0;
    }

    /// <summary>The save that brings storage to <paramref name="next"/>.</summary>
    public CaseWrite WriteFor(string caseId, CaseState next, Board.CaseSummaryRow? summary)
    {
        var write = CaseRows.Between(caseId, Persisted, next, Revision, _outboxPosition, summary);
        return summary is not null && _savedSummary is not null ? write with { PreviousSummary = _savedSummary } : write;
    }

    /// <summary>
    /// The board row was changed outside a save (the SLA wake time): the row this copy saved last no longer says what is
    /// stored, so the next save writes the whole row instead of the columns that differ from it.
    /// </summary>
    public void RowChangedOutsideASave() => _savedSummary = null;

    /// <summary>After <paramref name="write"/> committed: storage holds <paramref name="next"/>.</summary>
    public void Saved(CaseState next, CaseWrite write)
    {
        if (write.Summary is { } summary && summary.Summary.Version > Persisted.Version)
        {
            _savedSummary = summary;
        }

        ForgetStoredWorkflowJournal(next);
        State = Persisted = next;
        Revision = write.NewRevision;
        if (write.OutboxAdded.Count > 0)
        {
            _outboxPosition = write.OutboxAdded[^1].Position;
        }
    }

    /// <summary>
    /// The workflow journal's entries just stored leave memory; only their count stays (the trace view reads them back
    /// from storage, as it does for those stored before this activation). Issue 20: they were the biggest part of an
    /// active case's memory (≈40 interpreter entries with their JSON for the standard case, ≈40 % of its bytes), and
    /// every command's copy of the state copied their list. <paramref name="next"/> is the grain's state already and
    /// no one reads its journal list after the save, so only this member is replaced (the list itself is untouched).
    /// </summary>
    private static void ForgetStoredWorkflowJournal(CaseState next)
    {
        if (next.WorkflowJournal.Count > 0)
        {
            next.WorkflowJournalStored += next.WorkflowJournal.Count;
            next.WorkflowJournal = [];
        }
    }
}
