namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// Where cases live: a small head row per case, its append-only lists (journal, workflow journal, documents, uploads)
/// as one row per entry, and its unsent messages. Each save is one transaction that appends what is new and moves the
/// head on only from the revision the writer read, so a second, stale copy of a case can never overwrite the first.
/// </summary>
internal interface ICaseStore
{
    /// <summary>
    /// The stored rows of a case, or null when it was never opened. <see cref="CaseLoad.ForActivation"/> leaves the
    /// lists loaded on demand (<see cref="CaseList.LoadedOnDemand"/>) in storage and returns only their counts.
    /// </summary>
    Task<StoredCaseRows?> LoadAsync(string caseId, CaseLoad load = CaseLoad.Whole, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of one list's stored entries: those after position <paramref name="afterSeq"/>, in order, at most
    /// <paramref name="take"/> (what a list loaded on demand is read with).
    /// </summary>
    Task<IReadOnlyList<string>> ReadEntriesAsync(string caseId, string table, long afterSeq, int take, CancellationToken cancellationToken = default);

    /// <summary>The head's revision alone (a cheap read): has anyone written this case since it was loaded?</summary>
    Task<long?> RevisionAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="write"/> in one transaction; throws <see cref="Orleans.Storage.InconsistentStateException"/>
    /// when the head is no longer at <see cref="CaseWrite.ExpectedRevision"/> (or an appended row already exists).
    /// </summary>
    Task SaveAsync(CaseWrite write, CancellationToken cancellationToken = default);

    /// <summary>Ids of stored cases in ordinal order after <paramref name="afterId"/>, without activating any.</summary>
    Task<IReadOnlyList<string>> ListCaseIdsAsync(string? afterId, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of closed cases whose closing time (the board row's <c>closed_at</c>) is before <paramref name="cutoff"/>,
    /// oldest first, at most <paramref name="take"/>: what retention may purge.
    /// </summary>
    Task<IReadOnlyList<string>> ClosedBeforeAsync(DateTimeOffset cutoff, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every row of a case (head, lists, outbox, board row, the legacy grain-state row) in one transaction,
    /// but only while its board row still says closed before <paramref name="cutoff"/>: an open case is never touched.
    /// Returns the ids of its uploaded documents (for the document store), or null when nothing was removed.
    /// </summary>
    Task<IReadOnlyList<string>?> PurgeClosedAsync(string caseId, DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

/// <summary>
/// A case as stored: the head's JSON and revision, each loaded list's entries in order, the outbox by position, and
/// for each list left in storage how many entries it has.
/// </summary>
internal sealed record StoredCaseRows(
    long Revision,
    string Head,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Lists,
    IReadOnlyList<StoredOutboxRow> Outbox,
    IReadOnlyDictionary<string, long>? NotLoaded = null);

/// <summary>How much of a case <see cref="ICaseStore.LoadAsync"/> reads.</summary>
internal enum CaseLoad
{
    /// <summary>Every row (backfill, retention, checks).</summary>
    Whole,

    /// <summary>What a case grain works with: everything but the lists loaded on demand, which are only counted.</summary>
    ForActivation,
}

/// <summary>One queued message and its place in the queue.</summary>
internal sealed record StoredOutboxRow(long Position, string MessageId, string Message);
