using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Walks the stored case ids page by page (no grain is activated to find them) and asks each case, a bounded number
/// at a time, to send its summary to its board again. The board keeps the highest version per case, so a rebuild is
/// idempotent and safe while cases keep changing: a change made meanwhile reaches the board on its own, and the
/// republished summary of that case is then simply older and ignored.
/// </summary>
/// <remarks>
/// Reentrant so that a caller can join while a run is in progress; everything runs on the grain's own scheduler, one
/// turn at a time, so the run bookkeeping and the workers' shared cursor need no locks.
/// </remarks>
[Reentrant]
[GrainType("read-model-rebuild")]
internal sealed class ReadModelRebuildGrain(IServiceProvider services, ILogger<ReadModelRebuildGrain> logger) : Grain, IReadModelRebuildGrain
{
    private const int PageSize = 500;

    // Enough case activations in flight to hide storage latency, few enough to leave the silo to live traffic.
    private const int Parallelism = 16;

    private TaskCompletionSource<ReadModelRebuildReport>? _nextRun;
    private bool _running;

    private string? Hall => IReadModelRebuildGrain.HallOf(this.GetPrimaryKeyString());

    Task<ReadModelRebuildReport> IReadModelRebuildGrain.RebuildAsync() => ScheduleRun();

    Task IReadModelRebuildGrain.RequestAsync()
    {
        // The outcome is logged by the run itself.
        ScheduleRun().Ignore();
        return Task.CompletedTask;
    }

    /// <summary>A run that starts after this call: the next one, shared by every request made before it starts.</summary>
    private Task<ReadModelRebuildReport> ScheduleRun()
    {
        _nextRun ??= new TaskCompletionSource<ReadModelRebuildReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = _nextRun.Task;
        if (!_running)
        {
            RunWhileRequestedAsync().Ignore();
        }

        return run;
    }

    private async Task RunWhileRequestedAsync()
    {
        _running = true;
        // A background run (RequestAsync) has no call in flight that would keep the activation from being collected.
        DelayDeactivation(TimeSpan.FromHours(1));
        try
        {
            while (_nextRun is { } run)
            {
                _nextRun = null;
                try
                {
                    run.SetResult(await RunOnceAsync());
                }
                catch (Exception exception)
                {
                    logger.LogError(exception, "Read-model rebuild ({Scope}) failed", Scope);
                    run.SetException(exception);
                }
            }
        }
        finally
        {
            _running = false;
            DelayDeactivation(TimeSpan.FromSeconds(-1));
        }
    }

    private async Task<ReadModelRebuildReport> RunOnceAsync()
    {
        var clock = Stopwatch.StartNew();
        var tally = new Tally();
        // Every storage mode registers a case store (the in-memory one of benchmarks too); the stored heads list the cases.
        var catalog = services.GetService<Storage.ICaseStore>();
        if (catalog is null)
        {
            logger.LogWarning("Read-model rebuild ({Scope}): this silo's storage lists no stored cases; nothing rebuilt", Scope);
        }

        string? after = null;
        while (catalog is not null)
        {
            var page = await catalog.ListCaseIdsAsync(after, PageSize);
            if (page.Count == 0)
            {
                break;
            }

            tally.Found += page.Count;
            await RepublishAsync(page, tally);
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1];
        }

        var report = new ReadModelRebuildReport
        {
            Hall = Hall,
            CasesFound = tally.Found,
            Republished = tally.Republished,
            OtherHalls = tally.OtherHalls,
            Failed = tally.Failed,
            ElapsedMilliseconds = clock.ElapsedMilliseconds,
        };
        logger.Log(report.Failed == 0 ? LogLevel.Information : LogLevel.Warning,
            "Read-model rebuild ({Scope}): {Found} stored cases, {Republished} republished, {OtherHalls} of other halls, {Failed} failed, {Elapsed} ms",
            Scope, report.CasesFound, report.Republished, report.OtherHalls, report.Failed, report.ElapsedMilliseconds);
        return report;
    }

    private async Task RepublishAsync(IReadOnlyList<string> ids, Tally tally)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Parallelism, ids.Count)).Select(_ => WorkAsync()));

        async Task WorkAsync()
        {
            while (next < ids.Count)
            {
                var id = ids[next++];
                try
                {
                    var hall = await GrainFactory.GetGrain<ICaseGrain>(id).RepublishSummaryAsync(Hall);
                    if (hall is null)
                    {
                        tally.Fail(logger, id, null);
                    }
                    else if (Hall is null || string.Equals(hall, Hall, StringComparison.OrdinalIgnoreCase))
                    {
                        tally.Republished++;
                    }
                    else
                    {
                        tally.OtherHalls++;
                    }
                }
                catch (Exception exception)
                {
                    tally.Fail(logger, id, exception);
                }
            }
        }
    }

    private string Scope => Hall is null ? "all halls" : $"hall {Hall}";

    private sealed class Tally
    {
        // One warning per failed case would bury the log when a whole silo is gone; the report carries the count.
        private const int LoggedFailures = 5;

        public int Found { get; set; }

        public int Republished { get; set; }

        public int OtherHalls { get; set; }

        public int Failed { get; private set; }

        public void Fail(ILogger logger, string caseId, Exception? exception)
        {
            if (++Failed <= LoggedFailures)
            {
                logger.LogWarning(exception, "Read-model rebuild: case {Case} did not republish its summary{Reason}",
                    caseId, exception is null ? " (stored, but no case was opened under this id)" : "");
            }
        }
    }
}
