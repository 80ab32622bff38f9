using System.Data.Common;
using Microsoft.Data.Sqlite;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>The embedded mode's case rows: the same SQLite file as the grain state.</summary>
public sealed class SqliteCaseRowsDatabase(SqliteDatabase database) : ICaseRowsDatabase
{
    // Rows waiting for the writer's turn. Whoever gets the turn writes every row queued by then in one transaction, as
    // the case store's group commit does for case saves: each commit writes every page it dirtied to the WAL (a page of
    // the table and one of each of the row's ~20 indexes, and the board's indexes keep a hall's rows on the same pages),
    // so rows that share a commit share those pages instead of each paying for all of them (issue 20: the board row was
    // the largest single cost of the in-memory silo's command, most of it WAL frames, their checksums and the kernel's
    // copy of them). Each caller is answered only after the commit that holds its row.
    private readonly Lock _gate = new();
    private List<PendingRow> _queue = [];

    public bool IsPostgres => false;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => await database.OpenAsync(cancellationToken);

    public Task<bool> UpsertSummaryAsync(CaseSummaryRow row, CancellationToken cancellationToken = default) =>
        UpsertSummaryAsync(row, null, cancellationToken);

    public async Task<bool> UpsertSummaryAsync(CaseSummaryRow row, CaseSummaryRow? previous, CancellationToken cancellationToken = default)
    {
        var pending = new PendingRow(row, previous);
        lock (_gate)
        {
            _queue.Add(pending);
        }

        using (var writer = await database.EnterWriterAsync(cancellationToken))
        {
            // A turn before this one may have written this row with its own.
            if (!pending.Done.Task.IsCompleted)
            {
                List<PendingRow> group;
                lock (_gate)
                {
                    group = _queue;
                    _queue = [];
                }

                // Not with this caller's token: the group holds other callers' rows.
                await WriteGroupAsync(writer, group);
            }
        }

        return await pending.Done.Task;
    }

    /// <summary>
    /// Writes <paramref name="group"/> in one transaction; if that fails, each row alone in autocommit, so one row that
    /// cannot be written (a tracking code taken by another case) fails only its own caller.
    /// </summary>
    private static async Task WriteGroupAsync(SqliteWriterTurn writer, List<PendingRow> group)
    {
        SqliteConnection connection;
        try
        {
            connection = await writer.ConnectionAsync();
        }
        catch (Exception exception)
        {
            group.ForEach(p => p.Done.TrySetException(exception));
            return;
        }

        if (group.Count > 1)
        {
            List<bool>? changed = null;
            try
            {
                // BEGIN IMMEDIATE: the write lock up front, as the case store's transactions take it.
                await using var transaction = connection.BeginTransaction(deferred: false);
                changed = new List<bool>(group.Count);
                foreach (var pending in group)
                {
                    changed.Add(WriteRow(writer, pending.Row, pending.Previous));
                }

                await transaction.CommitAsync();
            }
            catch (Exception)
            {
                // Rolled back by the transaction's disposal; the rows are tried one by one below, each answering its
                // own caller, and the connection is renewed after this turn.
                writer.Discard();
                changed = null;
            }

            if (changed is not null)
            {
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Done.TrySetResult(changed[i]);
                }

                return;
            }
        }

        foreach (var pending in group)
        {
            try
            {
                // One statement in autocommit: the row and the daily-figure changes its triggers append commit together.
                pending.Done.TrySetResult(WriteRow(writer, pending.Row, pending.Previous));
            }
            catch (Exception exception)
            {
                writer.Discard();
                pending.Done.TrySetException(exception);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="row"/> on the writer connection with its kept statements, inside whatever transaction the
    /// turn has open: when <paramref name="previous"/> (the row this case's copy saved for its previous version) is known,
    /// an UPDATE of only the columns that changed, while the stored row is still that version; otherwise, or when it is
    /// not, the full upsert. Returns whether the stored row changed. The case store's save calls it in its transaction.
    /// </summary>
    internal static bool WriteRow(SqliteWriterTurn writer, CaseSummaryRow row, CaseSummaryRow? previous)
    {
        if (previous is not null && CaseSummaryRows.ChangedText(previous, row, out var changed) is { } text)
        {
            var update = writer.Statement(text);
            CaseSummaryRows.BindChanged(update, row, previous.Summary.Version, changed);
            if (update.Execute() > 0)
            {
                return true;
            }
        }

        var upsert = writer.Statement(CaseSummaryRows.UpsertText);
        CaseSummaryRows.BindUpsert(upsert, row);
        return upsert.Execute() > 0;
    }

    public async Task WriteAsync(Func<DbConnection, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        using var writer = await database.EnterWriterAsync(cancellationToken);
        var connection = await writer.ConnectionAsync(cancellationToken);
        try
        {
            await write(connection, cancellationToken);
        }
        catch
        {
            writer.Discard();
            throw;
        }
    }

    private sealed record PendingRow(CaseSummaryRow Row, CaseSummaryRow? Previous)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
