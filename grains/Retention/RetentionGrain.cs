using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Documents;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Retention;

/// <summary>
/// Purges closed cases older than the retention period. The reminder only wakes the grain; whether a run is due is
/// decided on the ServiceHall clock, so tests drive it with the test clock and a restart never runs it twice a day.
/// Each case goes in its own transaction (head, journals, issued documents, uploads, outbox, board row), then its scans
/// leave the document store and any activation of it is dropped. Not reentrant: one run at a time.
/// </summary>
internal sealed class RetentionGrain(
    [PersistentState("retention", StorageNames.GrainState)] IPersistentState<RetentionState> state,
    ICaseStore cases,
    IDocumentStore documents,
    IOptions<RetentionOptions> options,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    public const string ReminderName = "retention";

    /// <summary>Runs kept in the log (about two months of daily runs).</summary>
    public const int RunsKept = 60;

    /// <summary>Case ids kept per run; the count is always exact.</summary>
    public const int IdsKeptPerRun = 1_000;

    private RetentionOptions Settings => options.Value;

    public async Task StartAsync()
    {
        if (Settings.Years == 0)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        if (state.State.NextRunAt is null)
        {
            // The first run a full period after retention was first switched on, never at the very first start.
            state.State.NextRunAt = clock.GetUtcNow() + Settings.RunEvery;
            await state.WriteStateAsync();
        }

        await this.RegisterOrUpdateReminder(ReminderName, Settings.CheckEvery, Settings.CheckEvery);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await RunIfDueAsync();
        }
    }

    public async Task<RetentionRun?> RunIfDueAsync()
    {
        var now = clock.GetUtcNow();
        if (Settings.Years == 0 || state.State.NextRunAt is not { } due || now < due)
        {
            return null;
        }

        var run = await PurgeAsync(now, now.AddYears(-Settings.Years));
        state.State.Runs.Insert(0, run);
        if (state.State.Runs.Count > RunsKept)
        {
            state.State.Runs.RemoveRange(RunsKept, state.State.Runs.Count - RunsKept);
        }

        state.State.NextRunAt = now + Settings.RunEvery;
        await state.WriteStateAsync();
        logger.LogInformation(
            "Retention run: {Purged} closed case(s) purged (closed before {Cutoff:o}, kept {Years} years); {DocumentsNotDeleted} upload(s) left in the document store; next run {NextRun:o}",
            run.Purged, run.Cutoff, Settings.Years, run.DocumentsNotDeleted, state.State.NextRunAt);
        return run;
    }

    public Task<RetentionLog> GetLogAsync() => Task.FromResult(new RetentionLog
    {
        Years = Settings.Years,
        NextRunAt = Settings.Years == 0 ? null : state.State.NextRunAt,
        Runs = [.. state.State.Runs],
    });

    private async Task<RetentionRun> PurgeAsync(DateTimeOffset now, DateTimeOffset cutoff)
    {
        var purged = new List<string>();
        var documentsNotDeleted = 0;
        while (true)
        {
            var due = await cases.ClosedBeforeAsync(cutoff, Settings.BatchSize);
            var purgedThisStep = 0;
            foreach (var caseId in due)
            {
                if (await cases.PurgeClosedAsync(caseId, cutoff) is not { } uploads)
                {
                    continue;
                }

                purgedThisStep++;
                purged.Add(caseId);
                documentsNotDeleted += await DeleteUploadsAsync(caseId, uploads);
                await GrainFactory.GetGrain<ICaseGrain>(caseId).ForgetPurgedAsync();
            }

            // A step that purged nothing would find the same cases again (each changed under us): stop until the next run.
            if (due.Count < Settings.BatchSize || purgedThisStep == 0)
            {
                break;
            }
        }

        return new RetentionRun
        {
            RanAt = now,
            Cutoff = cutoff,
            Purged = purged.Count,
            CaseIds = [.. purged.Take(IdsKeptPerRun)],
            DocumentsNotDeleted = documentsNotDeleted,
        };
    }

    /// <summary>Deletes the case's scans; returns how many failed (the rows are already gone, so the run goes on).</summary>
    private async Task<int> DeleteUploadsAsync(string caseId, IReadOnlyList<string> uploads)
    {
        var failed = 0;
        foreach (var documentId in uploads.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await documents.DeleteAsync(documentId);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                failed++;
                logger.LogWarning(exception, "Retention: upload {Document} of purged case {Case} could not be deleted", documentId, caseId);
            }
        }

        return failed;
    }
}
