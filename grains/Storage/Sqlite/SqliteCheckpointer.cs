using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file off the command path (issue 20's latency tail). SQLite's own
/// auto-checkpoint runs inside whichever commit pushes the WAL past 1,000 pages: that commit, and every save queued
/// behind the one writer, waits while the checkpoint copies megabytes and fsyncs the database file. Connections
/// opened while this runs therefore set <c>wal_autocheckpoint=0</c> (<see cref="SqliteDatabase.BackgroundCheckpoints"/>) and this loop runs a PASSIVE
/// checkpoint on its own connection every <see cref="SqliteStorageOptions.CheckpointInterval"/>: PASSIVE never waits
/// for a writer or blocks one, so commits go on appending while it copies. A commit is durable once its WAL frames
/// are synced, so nothing acknowledged depends on when this runs; after a crash SQLite replays the WAL on open.
/// </summary>
internal sealed class SqliteCheckpointer(SqliteDatabase database, IOptions<SqliteStorageOptions> options, ILogger<SqliteCheckpointer> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointInterval;
        if (interval <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        // Its own thread, not the thread pool: a checkpoint blocks in fsync (Microsoft.Data.Sqlite is synchronous
        // underneath), which must not hold one of the pool's few threads on a small machine.
        return Task.Factory.StartNew(() => Loop(interval, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Loop(TimeSpan interval, CancellationToken stoppingToken)
    {
        database.BackgroundCheckpoints = true;
        while (!stoppingToken.WaitHandle.WaitOne(interval))
        {
            // Completes on this thread: SQLite's async calls do their work synchronously.
            CheckpointOnceAsync(stoppingToken).GetAwaiter().GetResult();
        }

        // Connections opened from now on checkpoint inline again; a last pass leaves a small WAL for the next start.
        database.BackgroundCheckpoints = false;
        CheckpointOnceAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task CheckpointOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await SqliteDatabase.ExecuteAsync(connection, "PRAGMA wal_checkpoint(PASSIVE);", cancellationToken);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The next tick tries again; meanwhile the WAL only grows.
            logger.LogWarning(exception, "Background WAL checkpoint failed");
        }
    }
}
