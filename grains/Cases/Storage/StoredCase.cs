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

    // Writes the head as the serializer does, reusing the bytes of members no command since has replaced.
    private readonly CaseHeadJson _headJson = new();

    public bool HasUnsavedChanges => !ReferenceEquals(State, Persisted);

    public void Loaded(StoredCaseRows? rows)
    {
        State = Persisted = rows is null ? new CaseState() : CaseRows.Read(rows);
        Revision = rows?.Revision;
        _outboxPosition = rows is { Outbox.Count: > 0 } ? rows.Outbox.Max(r => r.Position) : 0;
    }

    /// <summary>The save that brings storage to <paramref name="next"/>.</summary>
    public CaseWrite WriteFor(string caseId, CaseState next, Board.CaseSummaryRow? summary) =>
        CaseRows.Between(caseId, Persisted, next, Revision, _outboxPosition, summary, _headJson);

    /// <summary>After <paramref name="write"/> committed: storage holds <paramref name="next"/>.</summary>
    public void Saved(CaseState next, CaseWrite write)
    {
        State = Persisted = next;
        Revision = write.NewRevision;
        if (write.OutboxAdded.Count > 0)
        {
            _outboxPosition = write.OutboxAdded[^1].Position;
        }
    }
}
