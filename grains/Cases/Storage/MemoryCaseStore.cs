using Orleans.Storage;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// Cases in this process's memory, with the same rows and conflict rules as the databases: for benchmarks of the
/// grain alone and silos that need no durability. Lost when the process ends.
/// </summary>
internal sealed class MemoryCaseStore(Board.ICaseRowsDatabase? summaries = null) : ICaseStore
{
    private readonly Dictionary<string, StoredCaseRows> _cases = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<StoredCaseRows?> LoadAsync(string caseId, CaseLoad load = CaseLoad.Whole, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (load == CaseLoad.Whole || _cases.GetValueOrDefault(caseId) is not { } stored)
            {
                return Task.FromResult(_cases.GetValueOrDefault(caseId));
            }

            var onDemand = CaseRows.Lists.Where(l => l.LoadedOnDemand).Select(l => l.Table).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult<StoredCaseRows?>(stored with
            {
                Lists = stored.Lists.Where(l => !onDemand.Contains(l.Key)).ToDictionary(StringComparer.Ordinal),
                NotLoaded = stored.Lists.Where(l => onDemand.Contains(l.Key)).ToDictionary(l => l.Key, l => (long)l.Value.Count, StringComparer.Ordinal),
            });
        }
    }

    public Task<IReadOnlyList<string>> ReadEntriesAsync(string caseId, string table, long afterSeq, int take, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entries = _cases.GetValueOrDefault(caseId)?.Lists.GetValueOrDefault(table) ?? [];
            return Task.FromResult<IReadOnlyList<string>>([.. entries.Skip((int)afterSeq).Take(take)]);
        }
    }

    public Task<long?> RevisionAsync(string caseId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_cases.TryGetValue(caseId, out var stored) ? stored.Revision : (long?)null);
        }
    }

    public async Task SaveAsync(CaseWrite write, CancellationToken cancellationToken = default)
    {
        Save(write);

        // No transaction to share: the board's row (when a database holds the rows) follows the save as the database's
        // writer (on SQLite in the writer's turn, with its kept statement), so concurrent saves queue instead of
        // polling the file lock in SQLite's busy handler (1, 2, 5 … 100 ms sleeps: the grain benchmark's p95).
        if (write.Summary is { } summary && summaries is not null)
        {
            await summaries.UpsertSummaryAsync(summary, write.PreviousSummary, cancellationToken);
        }
    }

    private void Save(CaseWrite write)
    {
        lock (_gate)
        {
            var stored = _cases.GetValueOrDefault(write.CaseId);
            if (stored?.Revision != write.ExpectedRevision)
            {
                throw new InconsistentStateException(
                    $"Case {write.CaseId} changed since it was read; the save was rejected.", "unknown", write.ExpectedRevision?.ToString() ?? "none");
            }

            var lists = CaseRows.Lists.ToDictionary(l => l.Table, l => stored?.Lists.GetValueOrDefault(l.Table) ?? [], StringComparer.Ordinal);
            foreach (var append in write.Appends)
            {
                var kept = lists[append.Table].Take((int)append.FromSeq - 1);
                lists[append.Table] = [.. kept, .. append.Entries.Select(e => e.ToText())];
            }

            var removed = write.OutboxRemoved.ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<StoredOutboxRow> outbox = [.. (stored?.Outbox ?? []).Where(m => !removed.Contains(m.MessageId)), .. write.OutboxAdded];
            _cases[write.CaseId] = new StoredCaseRows(write.NewRevision, write.Head.ToText(), lists, outbox);
        }
    }

    public Task<IReadOnlyList<string>> ListCaseIdsAsync(string? afterId, int pageSize, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(
                [.. _cases.Keys.Where(id => string.CompareOrdinal(id, afterId ?? "") > 0).Order(StringComparer.Ordinal).Take(pageSize)]);
        }
    }

    // Memory cases live no longer than the process: nothing outlives a retention period here.
    public Task<IReadOnlyList<string>> ClosedBeforeAsync(DateTimeOffset cutoff, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task<IReadOnlyList<string>?> PurgeClosedAsync(string caseId, DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>?>(null);
}
