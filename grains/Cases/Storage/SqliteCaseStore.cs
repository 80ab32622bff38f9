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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            await WriteAsync(connection, transaction, write, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == ConstraintViolation)
        {
            throw Conflict(write, exception.Message);
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        for (var i = 0; i < writes.Count; i++)
        {
            const string savepoint = "case_write";
            await transaction.SaveAsync(savepoint, cancellationToken);
            try
            {
                await WriteAsync(connection, transaction, writes[i], cancellationToken);
            }
            catch (Exception exception) when (exception is InconsistentStateException
                or SqliteException { SqliteErrorCode: ConstraintViolation })
            {
                await transaction.RollbackAsync(savepoint, cancellationToken);
                results[i] = exception as InconsistentStateException ?? Conflict(writes[i], exception.Message);
            }

            await transaction.ReleaseAsync(savepoint, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>One case's save inside <paramref name="transaction"/>: head, entries, outbox, board row.</summary>
    private async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, CaseWrite write, CancellationToken cancellationToken)
    {
        await WriteHeadAsync(connection, transaction, write, cancellationToken);
        foreach (var append in write.Appends)
        {
            await AppendAsync(connection, transaction, write.CaseId, append, cancellationToken);
        }

        await WriteOutboxAsync(connection, transaction, write, cancellationToken);
        if (write.Summary is { } summary)
        {
            await Board.CaseSummaryRows.UpsertAsync(connection, transaction, summary, cancellationToken);
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
        await using var connection = await database.OpenAsync(cancellationToken);

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

    private async Task WriteHeadAsync(SqliteConnection connection, SqliteTransaction transaction, CaseWrite write, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, write.ExpectedRevision is null
            ? """
              INSERT INTO case_head (case_id, revision, version, status, head, modified_utc)
              VALUES ($case, 1, $version, $status, $head, $now)
              ON CONFLICT (case_id) DO NOTHING;
              """
            : """
              UPDATE case_head SET revision = $revision, version = $version, status = $status, head = $head, modified_utc = $now
              WHERE case_id = $case AND revision = $expected;
              """, write.CaseId);
        command.Parameters.AddWithValue("$version", write.Version);
        command.Parameters.AddWithValue("$status", write.Status);
        command.Parameters.AddWithValue("$head", write.Head);
        command.Parameters.AddWithValue("$now", database.UtcNowText());
        command.Parameters.AddWithValue("$revision", write.NewRevision);
        command.Parameters.AddWithValue("$expected", write.ExpectedRevision ?? 0);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw Conflict(write, "the stored head is at another revision");
        }
    }

    private static async Task AppendAsync(SqliteConnection connection, SqliteTransaction transaction, string caseId, ListAppend append, CancellationToken cancellationToken)
    {
        if (append.Rewrite)
        {
            await using var delete = Command(connection, transaction, $"DELETE FROM {append.Table} WHERE case_id = $case AND seq >= $from;", caseId);
            delete.Parameters.AddWithValue("$from", append.FromSeq);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = Command(connection, transaction, $"INSERT INTO {append.Table} (case_id, seq, entry) VALUES ($case, $seq, $entry);", caseId);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var entry = insert.Parameters.Add("$entry", SqliteType.Text);
        for (var i = 0; i < append.Entries.Count; i++)
        {
            seq.Value = append.FromSeq + i;
            entry.Value = append.Entries[i];
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task WriteOutboxAsync(SqliteConnection connection, SqliteTransaction transaction, CaseWrite write, CancellationToken cancellationToken)
    {
        if (write.OutboxRemoved.Count > 0)
        {
            await using var delete = Command(connection, transaction, "DELETE FROM case_outbox WHERE case_id = $case AND message_id = $id;", write.CaseId);
            var id = delete.Parameters.Add("$id", SqliteType.Text);
            foreach (var removed in write.OutboxRemoved)
            {
                id.Value = removed;
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (write.OutboxAdded.Count > 0)
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO case_outbox (case_id, message_id, position, message) VALUES ($case, $id, $position, $message);", write.CaseId);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var position = insert.Parameters.Add("$position", SqliteType.Integer);
            var message = insert.Parameters.Add("$message", SqliteType.Text);
            foreach (var added in write.OutboxAdded)
            {
                (id.Value, position.Value, message.Value) = (added.MessageId, added.Position, added.Message);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string caseId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$case", caseId);
        return command;
    }

    private static InconsistentStateException Conflict(CaseWrite write, string why) =>
        new($"Case {write.CaseId} changed since it was read (revision {write.ExpectedRevision?.ToString() ?? "none"}): {why}; the save was rejected.",
            storedEtag: "unknown", currentEtag: write.ExpectedRevision?.ToString() ?? "none");
}
