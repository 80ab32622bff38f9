using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// Group commit for case saves (issue 20). A save that finds a transaction slot free is written at once, alone, exactly
/// as without this class: no timer, no waiting for company, so a quiet silo pays nothing. Saves that arrive while every
/// slot is busy queue up, and the next free slot writes all of them (up to <see cref="GroupCommitOptions.MaxGroup"/>)
/// in one transaction and one commit (one fsync, one round trip). Each caller's task completes only after the commit
/// that holds its save; a save whose optimistic check fails fails alone (<see cref="ICaseGroupStore"/>).
/// </summary>
internal sealed class GroupCommitCaseStore(ICaseStore store, ICaseGroupStore groups, int flushes, int maxGroup) : ICaseStore
{
    /// <summary>
    /// Where a save's time goes (issue 20's latency tail): waiting for a slot, then the transaction that holds it.
    /// Read with <c>dotnet-counters --counters ServiceHall.Storage</c>; nothing records unless a listener is attached.
    /// </summary>
    public const string MeterName = "ServiceHall.Storage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> WaitMs = Meter.CreateHistogram<double>("servicehall.case_save.wait", "ms",
        "From the save's arrival to the start of the transaction that holds it.");
    private static readonly Histogram<double> WriteMs = Meter.CreateHistogram<double>("servicehall.case_save.write", "ms",
        "One transaction of one or more saves, to its commit.");
    private static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>("servicehall.case_save.group", "{save}",
        "Saves in one transaction.");

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private int _flushing;
    private long _transactions;
    private long _saves;

    /// <summary>Transactions written and saves they held since start (tests and benchmarks read the ratio).</summary>
    public (long Transactions, long Saves) Committed => (Interlocked.Read(ref _transactions), Interlocked.Read(ref _saves));

    public Task SaveAsync(CaseWrite write, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            start = _flushing < flushes;
            if (start)
            {
                _flushing++;
            }
        }

        if (start)
        {
            // Off the caller's (grain's) scheduler: the loop serves other grains' saves too.
            _ = Task.Run(FlushLoopAsync, CancellationToken.None);
        }

        return pending.Done.Task;
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            List<Pending> group;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _flushing--;
                    return;
                }

                group = new List<Pending>(Math.Min(_queue.Count, maxGroup));
                while (group.Count < maxGroup && _queue.TryDequeue(out var next))
                {
                    group.Add(next);
                }
            }

            await FlushAsync(group);
        }
    }

    private async Task FlushAsync(List<Pending> group)
    {
        var started = Stopwatch.GetTimestamp();
        if (WaitMs.Enabled)
        {
            foreach (var pending in group)
            {
                WaitMs.Record(Stopwatch.GetElapsedTime(pending.Arrived, started).TotalMilliseconds);
            }

            GroupSize.Record(group.Count);
        }

        try
        {
            if (group.Count == 1)
            {
                await store.SaveAsync(group[0].Write);
                Count(1);
                group[0].Done.TrySetResult();
                return;
            }

            var results = await groups.SaveGroupAsync([.. group.Select(p => p.Write)]);
            Count(results.Count(r => r is null));
            for (var i = 0; i < group.Count; i++)
            {
                if (results[i] is { } failed)
                {
                    group[i].Done.TrySetException(failed);
                }
                else
                {
                    group[i].Done.TrySetResult();
                }
            }
        }
        catch (Exception exception)
        {
            // Nothing of the group was committed: every save in it fails with the cause.
            foreach (var pending in group)
            {
                pending.Done.TrySetException(exception);
            }
        }
        finally
        {
            WriteMs.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private void Count(long saves)
    {
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _saves, saves);
    }

    public Task<StoredCaseRows?> LoadAsync(string caseId, CaseLoad load = CaseLoad.Whole, CancellationToken cancellationToken = default) =>
        store.LoadAsync(caseId, load, cancellationToken);

    public Task<IReadOnlyList<string>> ReadEntriesAsync(string caseId, string table, long afterSeq, int take, CancellationToken cancellationToken = default) =>
        store.ReadEntriesAsync(caseId, table, afterSeq, take, cancellationToken);

    public Task<long?> RevisionAsync(string caseId, CancellationToken cancellationToken = default) => store.RevisionAsync(caseId, cancellationToken);

    public Task<IReadOnlyList<string>> ListCaseIdsAsync(string? afterId, int pageSize, CancellationToken cancellationToken = default) =>
        store.ListCaseIdsAsync(afterId, pageSize, cancellationToken);

    public Task<IReadOnlyList<string>> ClosedBeforeAsync(DateTimeOffset cutoff, int take, CancellationToken cancellationToken = default) =>
        store.ClosedBeforeAsync(cutoff, take, cancellationToken);

    public Task<IReadOnlyList<string>?> PurgeClosedAsync(string caseId, DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        store.PurgeClosedAsync(caseId, cutoff, cancellationToken);

    /// <summary>The store the settings ask for: <paramref name="store"/> itself, or behind group commit.</summary>
    public static ICaseStore Choose<TStore>(TStore store, GroupCommitOptions options, int engineFlushes)
        where TStore : ICaseStore, ICaseGroupStore =>
        options.Enabled ? new GroupCommitCaseStore(store, store, options.Flushes > 0 ? options.Flushes : engineFlushes, Math.Max(1, options.MaxGroup)) : store;

    private sealed record Pending(CaseWrite Write, TaskCompletionSource Done, long Arrived);
}
