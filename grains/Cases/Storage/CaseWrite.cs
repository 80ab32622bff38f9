namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// What one save changes: the head (small, rewritten), the entries appended to each list (never rewriting earlier
/// ones), and the messages queued or sent since the last save. Built by <see cref="CaseRows.Between"/>.
/// </summary>
internal sealed record CaseWrite
{
    public required string CaseId { get; init; }

    /// <summary>The head revision the writer read; null for a case not stored yet (the save inserts its head).</summary>
    public required long? ExpectedRevision { get; init; }

    public long NewRevision => (ExpectedRevision ?? 0) + 1;

    /// <summary>The case's own version (If-Match), kept in a column so operators and checks need not parse the head.</summary>
    public required long Version { get; init; }

    public required string Status { get; init; }

    /// <summary>The head's JSON as UTF-8 (<see cref="CaseRows.Head"/>), written as text.</summary>
    public required PooledJson Head { get; init; }

    public required IReadOnlyList<ListAppend> Appends { get; init; }

    public required IReadOnlyList<StoredOutboxRow> OutboxAdded { get; init; }

    public required IReadOnlyList<string> OutboxRemoved { get; init; }

    /// <summary>The case's board row, written in the same transaction; null for bookkeeping that changes no summary.</summary>
    public Board.CaseSummaryRow? Summary { get; init; }

    /// <summary>
    /// The board row this copy of the case saved for an earlier version, when it knows it: SQLite then updates only the
    /// columns that changed (<see cref="Board.SqliteCaseRowsDatabase.WriteRow"/>). Null after activation.
    /// </summary>
    public Board.CaseSummaryRow? PreviousSummary { get; init; }

    /// <summary>
    /// After the save that took this write is over (committed or failed): its JSON goes back to the pool
    /// (<see cref="PooledJson"/>). Only the one who awaited the save may call it, once nothing reads the write's JSON.
    /// A store must be done with the bytes when its save's task completes: the PostgreSQL store hands Npgsql the
    /// arrays' <see cref="PooledJson.Memory"/>, which no released check guards, so a store that re-sent a batch after
    /// answering (a retry in the background) would send another save's bytes.
    /// </summary>
    public void Release()
    {
        Head.Return();
        foreach (var append in Appends)
        {
            foreach (var entry in append.Entries)
            {
                entry.Return();
            }
        }
    }
}

/// <summary>
/// Entries for one list's table (each its JSON as UTF-8, written as text), the first at sequence <see cref="FromSeq"/>. <see cref="Rewrite"/> is set only when
/// an earlier entry changed in memory (no command does that today): the rows from <see cref="FromSeq"/> on are replaced.
/// </summary>
internal sealed record ListAppend(string Table, long FromSeq, IReadOnlyList<PooledJson> Entries, bool Rewrite)
{
    /// <summary>Entries given as text (tests, hand-made rows): stored as their UTF-8.</summary>
    public ListAppend(string Table, long FromSeq, IReadOnlyList<string> Entries, bool Rewrite)
        : this(Table, FromSeq, [.. Entries.Select(PooledJson.FromText)], Rewrite)
    {
    }
}
