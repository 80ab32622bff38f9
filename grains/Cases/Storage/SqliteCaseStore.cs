using Microsoft.Data.Sqlite;
using Orleans.Storage;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// Embedded mode: cases in the SQLite file's case tables (schema step 3). A save is one <c>BEGIN IMMEDIATE</c>
/// transaction: the head moves on only from the expected revision, entries are inserted under their (case, position)
/// key, so a conflict of either kind rolls the whole save back.
/// </summary>
internal sealed class SqliteCaseStore(SqliteDatabase database) : ICaseStore, ICaseGroupStore
{
    /// <summary>SQLITE_CONSTRAINT: an entry at a position another writer already filled.</summary>
    private const int ConstraintViolation = 19;

    // Each list table's statements, built once: the writer's kept commands are looked up by their text.
    private static readonly Dictionary<string, string> InsertEntry = CaseRows.Lists.ToDictionary(
        l => l.Table, l => $"INSERT INTO {l.Table} (case_id, seq, entry) VALUES ($case, $seq, $entry);", StringComparer.Ordinal);

    private static readonly Dictionary<string, string> DeleteFrom = CaseRows.Lists.ToDictionary(
        l => l.Table, l => $"DELETE FROM {l.Table} WHERE case_id = $case AND seq >= $from;", StringComparer.Ordinal);

    private readonly Board.SqliteCaseRowsDatabase _rows = new(database);

    public async Task<StoredCaseRows?> LoadAsync(string caseId, CaseLoad load = CaseLoad.Whole, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        long revision;
        string head;
        await using (var command = Command(connection, transaction, "SELECT revision, head FROM case_head WHERE case_id = $case;", caseId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (revision, head) = (reader.GetInt64(0), reader.GetString(1));
        }

        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var notLoaded = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var list in CaseRows.Lists)
        {
            if (load == CaseLoad.ForActivation && list.LoadedOnDemand)
            {
                // The last position, from the primary key's index: where the next append goes.
                await using var count = Command(connection, transaction, $"SELECT coalesce(max(seq), 0) FROM {list.Table} WHERE case_id = $case;", caseId);
                notLoaded[list.Table] = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
                continue;
            }

            await using var command = Command(connection, transaction, $"SELECT entry FROM {list.Table} WHERE case_id = $case ORDER BY seq;", caseId);
            lists[list.Table] = await CaseStoreSql.ReadTextAsync(command, cancellationToken);
        }

        var outbox = new List<StoredOutboxRow>();
        await using (var command = Command(connection, transaction, "SELECT position, message_id, message FROM case_outbox WHERE case_id = $case ORDER BY position;", caseId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                outbox.Add(new StoredOutboxRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        return new StoredCaseRows(revision, head, lists, outbox, notLoaded);
    }

    public async Task<IReadOnlyList<string>> ReadEntriesAsync(string caseId, string table, long afterSeq, int take, CancellationToken cancellationToken = default)
    {
        var list = CaseRows.Lists.Single(l => l.Table == table);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT entry FROM {list.Table} WHERE case_id = $case AND seq > $after ORDER BY seq LIMIT $take;", caseId);
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$take", take);
        return await CaseStoreSql.ReadTextAsync(command, cancellationToken);
    }

    public async Task<long?> RevisionAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT revision FROM case_head WHERE case_id = $case;", caseId);
        return await command.ExecuteScalarAsync(cancellationToken) is long revision ? revision : null;
    }

    public async Task SaveAsync(CaseWrite write, CancellationToken cancellationToken = default)
    {
        using var writer = await database.EnterWriterAsync(cancellationToken);
        var connection = await writer.ConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            await WriteAsync(writer, transaction, write, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == ConstraintViolation)
        {
            throw Conflict(write, exception);
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            writer.Discard();
            throw;
        }
    }

    /// <summary>
    /// Group commit: one <c>BEGIN IMMEDIATE</c> transaction, each write inside its own savepoint, so a write whose check
    /// fails is rolled back to its savepoint alone and the others commit together (one commit, one fsync).
    /// </summary>
    public async Task<IReadOnlyList<Exception?>> SaveGroupAsync(IReadOnlyList<CaseWrite> writes, CancellationToken cancellationToken = default)
    {
        var results = new Exception?[writes.Count];
        using var writer = await database.EnterWriterAsync(cancellationToken);
        var connection = await writer.ConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            for (var i = 0; i < writes.Count; i++)
            {
                // The savepoint's statements are kept too (SqliteTransaction.Save builds a command each time).
                writer.Statement("SAVEPOINT case_write;").Execute();
                try
                {
                    await WriteAsync(writer, transaction, writes[i], cancellationToken);
                }
                catch (Exception exception) when (exception is InconsistentStateException
                    or SqliteException { SqliteErrorCode: ConstraintViolation })
                {
                    writer.Statement("ROLLBACK TO SAVEPOINT case_write;").Execute();
                    results[i] = exception as InconsistentStateException ?? Conflict(writes[i], (SqliteException)exception);
                }

                writer.Statement("RELEASE SAVEPOINT case_write;").Execute();
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            writer.Discard();
            throw;
        }

        return results;
    }

    /// <summary>One case's save inside <paramref name="transaction"/>: head, entries, outbox, board row, with the writer's kept commands.</summary>
    private async Task WriteAsync(SqliteWriterTurn writer, SqliteTransaction transaction, CaseWrite write, CancellationToken cancellationToken)
    {
        await WriteHeadAsync(writer, transaction, write, cancellationToken);
        foreach (var append in write.Appends)
        {
            await AppendAsync(writer, transaction, write.CaseId, append, cancellationToken);
        }

        await WriteOutboxAsync(writer, transaction, write, cancellationToken);
        if (write.Summary is { } summary)
        {
            Board.SqliteCaseRowsDatabase.WriteRow(writer, summary, write.PreviousSummary);
        }
    }

    public async Task<IReadOnlyList<string>> ListCaseIdsAsync(string? afterId, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT case_id FROM case_head WHERE case_id > $case ORDER BY case_id LIMIT $take;", afterId ?? "");
        command.Parameters.AddWithValue("$take", pageSize);
        return await CaseStoreSql.ReadTextAsync(command, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ClosedBeforeAsync(DateTimeOffset cutoff, int take, CancellationToken cancellationToken = default) =>
        CaseStoreSql.ClosedBeforeAsync(_rows, CaseHeadScope.None, cutoff, take, cancellationToken);

    public async Task<IReadOnlyList<string>?> PurgeClosedAsync(string caseId, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        using var writer = await database.EnterWriterAsync(cancellationToken);
        var connection = await writer.ConnectionAsync(cancellationToken);
        try
        {
            // BEGIN IMMEDIATE: the check and the deletes see the same case; a save cannot slip in between.
            await using var transaction = connection.BeginTransaction(deferred: false);
            if (!await CaseStoreSql.IsClosedBeforeAsync(connection, transaction, caseId, cutoff, cancellationToken))
            {
                return null;
            }

            var documents = await CaseStoreSql.UploadDocumentIdsAsync(connection, transaction, CaseHeadScope.None, caseId, cancellationToken);
            foreach (var table in CaseRows.Lists.Select(l => l.Table).Append("case_outbox").Append("case_head").Append("case_summary"))
            {
                await using var delete = Command(connection, transaction, $"DELETE FROM {table} WHERE case_id = $case;", caseId);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            // The single-row copy a conversion left behind (schema step 3) holds the same personal data.
            await using (var legacy = Command(connection, transaction, "DELETE FROM grain_state WHERE state_name = 'case' AND grain_id = 'case/' || $case;", caseId))
            {
                await legacy.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return documents;
        }
        catch
        {
            writer.Discard();
            throw;
        }
    }

    // The save's statements run on the writer connection's kept statements, bound by hand (SqliteKeptStatement): the
    // same rows as through SqliteCommand, without its allocations per parameter and per run.
    private const string InsertHead = """
        INSERT INTO case_head (case_id, revision, version, status, head, modified_utc)
        VALUES ($case, 1, $version, $status, $head, $now)
        ON CONFLICT (case_id) DO NOTHING;
        """;

    private const string UpdateHead = """
        UPDATE case_head SET revision = $revision, version = $version, status = $status, head = $head, modified_utc = $now
        WHERE case_id = $case AND revision = $expected;
        """;

    private const string DeleteOutbox = "DELETE FROM case_outbox WHERE case_id = $case AND message_id = $id;";

    private const string InsertOutbox = "INSERT INTO case_outbox (case_id, message_id, position, message) VALUES ($case, $id, $position, $message);";

    private Task WriteHeadAsync(SqliteWriterTurn writer, SqliteTransaction transaction, CaseWrite write, CancellationToken cancellationToken)
    {
        var insert = write.ExpectedRevision is null;
        var command = writer.Statement(insert ? InsertHead : UpdateHead);
        var at = command.Positions ??= insert
            ? [command.Parameter("$case"), command.Parameter("$version"), command.Parameter("$status"), command.Parameter("$head"), command.Parameter("$now")]
            : [command.Parameter("$case"), command.Parameter("$version"), command.Parameter("$status"), command.Parameter("$head"), command.Parameter("$now"),
               command.Parameter("$revision"), command.Parameter("$expected")];
        command.Bind(at[0], write.CaseId);
        command.Bind(at[1], write.Version);
        command.Bind(at[2], write.Status);
        command.BindUtf8(at[3], write.Head.Span);
        command.Bind(at[4], database.UtcNowText());
        if (!insert)
        {
            command.Bind(at[5], write.NewRevision);
            command.Bind(at[6], write.ExpectedRevision!.Value);
        }

        if (command.Execute() != 1)
        {
            throw Conflict(write, "the stored head is at another revision");
        }

        return Task.CompletedTask;
    }

    private static Task AppendAsync(SqliteWriterTurn writer, SqliteTransaction transaction, string caseId, ListAppend append, CancellationToken cancellationToken)
    {
        if (append.Rewrite)
        {
            var delete = Kept(writer, transaction, DeleteFrom[append.Table], caseId);
            SqliteWriterTurn.Bind(delete, "$from", append.FromSeq);
            delete.ExecuteNonQuery();
        }

        var insert = writer.Statement(InsertEntry[append.Table]);
        var at = insert.Positions ??= [insert.Parameter("$case"), insert.Parameter("$seq"), insert.Parameter("$entry")];
        insert.Bind(at[0], caseId);
        for (var i = 0; i < append.Entries.Count; i++)
        {
            insert.Bind(at[1], append.FromSeq + i);
            insert.BindUtf8(at[2], append.Entries[i].Span);
            insert.Execute();
        }

        return Task.CompletedTask;
    }

    private static Task WriteOutboxAsync(SqliteWriterTurn writer, SqliteTransaction transaction, CaseWrite write, CancellationToken cancellationToken)
    {
        if (write.OutboxRemoved.Count > 0)
        {
            var delete = writer.Statement(DeleteOutbox);
            var at = delete.Positions ??= [delete.Parameter("$case"), delete.Parameter("$id")];
            delete.Bind(at[0], write.CaseId);
            foreach (var removed in write.OutboxRemoved)
            {
                delete.Bind(at[1], removed);
                delete.Execute();
            }
        }

        if (write.OutboxAdded.Count > 0)
        {
            var insert = writer.Statement(InsertOutbox);
            var at = insert.Positions ??= [insert.Parameter("$case"), insert.Parameter("$id"), insert.Parameter("$position"), insert.Parameter("$message")];
            insert.Bind(at[0], write.CaseId);
            foreach (var added in write.OutboxAdded)
            {
                insert.Bind(at[1], added.MessageId);
                insert.Bind(at[2], added.Position);
                insert.Bind(at[3], added.Message);
                insert.Execute();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The writer connection's kept command for <paramref name="sql"/>, bound to this case.</summary>
    private static SqliteCommand Kept(SqliteWriterTurn writer, SqliteTransaction transaction, string sql, string caseId)
    {
        var command = writer.Command(sql, transaction);
        SqliteWriterTurn.Bind(command, "$case", caseId);
        return command;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string caseId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$case", caseId);
        return command;
    }

    private static InconsistentStateException Conflict(CaseWrite write, string why) => CaseWriteConflicts.Stale(write, why);

    private static InconsistentStateException Conflict(CaseWrite write, SqliteException violation) =>
        violation.Message.Contains(CaseWriteConflicts.TrackingCodeTaken, StringComparison.Ordinal)
            ? CaseWriteConflicts.TrackingCodeHeld(write)
            : Conflict(write, violation.Message);
}
