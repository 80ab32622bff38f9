using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// PostgreSQL mode: cases in the case tables of schema step V0006, keyed by service id. A save sends every statement
/// of its transaction in one batch, one round trip that commits too: the head moves on only from the expected
/// revision, and entries are inserted under their (case, position) key, so either kind of conflict rolls it all back.
/// </summary>
internal sealed class PostgresCaseStore(NpgsqlDataSource dataSource, string serviceId) : ICaseStore, ICaseGroupStore
{
    private const string UniqueViolation = "23505";

    // Raised by the head's statement when it changed no row (migration V0016): the optimistic check, inside the batch.
    private const string HeadMoved = "SH409";

    private long _groupsSavedOneByOne;

    // Retention's queries, shared with the SQLite store, on this store's own pool.
    private readonly Board.PostgresCaseRowsDatabase _rows = new(dataSource);
    private readonly CaseHeadScope _scope = CaseHeadScope.Service(serviceId);

    /// <summary>
    /// One statement, so one round trip and one snapshot: the head and every list come from the same commit without a
    /// transaction of their own (a <c>REPEATABLE READ</c> one cost a second round trip to end it, on every activation).
    /// </summary>
    public async Task<StoredCaseRows?> LoadAsync(string caseId, CaseLoad load = CaseLoad.Whole, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(LoadSql[load]);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("case", caseId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (revision, head) = (reader.GetInt64(0), reader.GetString(1));
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var notLoaded = new Dictionary<string, long>(StringComparer.Ordinal);
        var column = 2;
        foreach (var list in CaseRows.Lists)
        {
            if (NotLoaded(load, list))
            {
                notLoaded[list.Table] = reader.GetInt64(column++);
            }
            else
            {
                lists[list.Table] = reader.GetFieldValue<string[]>(column++);
            }
        }

        var positions = reader.GetFieldValue<long[]>(column);
        var ids = reader.GetFieldValue<string[]>(column + 1);
        var messages = reader.GetFieldValue<string[]>(column + 2);
        var outbox = new List<StoredOutboxRow>(positions.Length);
        for (var i = 0; i < positions.Length; i++)
        {
            outbox.Add(new StoredOutboxRow(positions[i], ids[i], messages[i]));
        }

        return new StoredCaseRows(revision, head, lists, outbox, notLoaded);
    }

    // A list loaded on demand is only counted: its last position, from the primary key's index.
    private static readonly Dictionary<CaseLoad, string> LoadSql = Enum.GetValues<CaseLoad>().ToDictionary(load => load, load => string.Join(",\n    ", [
        "SELECT h.revision", "h.head",
        .. CaseRows.Lists.Select(list => NotLoaded(load, list)
            ? $"(SELECT coalesce(max(seq), 0) FROM {list.Table} WHERE service_id = @service AND case_id = @case)"
            : $"ARRAY(SELECT entry FROM {list.Table} WHERE service_id = @service AND case_id = @case ORDER BY seq)"),
        .. new[] { "position", "message_id", "message" }.Select(column =>
            $"ARRAY(SELECT {column} FROM case_outbox WHERE service_id = @service AND case_id = @case ORDER BY position, message_id)"),
    ]) + "\nFROM case_head h WHERE h.service_id = @service AND h.case_id = @case;");

    public async Task<IReadOnlyList<string>> ReadEntriesAsync(string caseId, string table, long afterSeq, int take, CancellationToken cancellationToken = default)
    {
        var list = CaseRows.Lists.Single(l => l.Table == table);
        await using var command = dataSource.CreateCommand(
            $"SELECT entry FROM {list.Table} WHERE service_id = @service AND case_id = @case AND seq > @after ORDER BY seq LIMIT @take;");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("case", caseId);
        command.Parameters.AddWithValue("after", afterSeq);
        command.Parameters.AddWithValue("take", take);
        return await CaseStoreSql.ReadTextAsync(command, cancellationToken);
    }

    private static bool NotLoaded(CaseLoad load, CaseList list) => load == CaseLoad.ForActivation && list.LoadedOnDemand;

    public async Task<long?> RevisionAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT revision FROM case_head WHERE service_id = @service AND case_id = @case;");
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("case", caseId);
        return await command.ExecuteScalarAsync(cancellationToken) is long revision ? revision : null;
    }

    /// <summary>
    /// One round trip: the batch is the protocol's implicit transaction (one Sync, so it commits whole or not at all),
    /// and the head's statement raises <see cref="HeadMoved"/> when the optimistic check fails, rolling back the rest.
    /// A connection lost mid-batch leaves the outcome unknown, as a lost COMMIT did before: the caller sees an error, and
    /// if the save did commit, the grain's next save fails its check and the case is read back from storage.
    /// </summary>
    public async Task SaveAsync(CaseWrite write, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        AddWrite(batch, write, 0);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            throw exception.ConstraintName == CaseWriteConflicts.TrackingCodeIndex
                ? CaseWriteConflicts.TrackingCodeHeld(write)
                : Conflict(write, "an entry at that position is stored already");
        }
        catch (PostgresException exception) when (exception.SqlState == HeadMoved)
        {
            throw Conflict(write, "the stored head is at another revision");
        }
    }

    /// <summary>
    /// Group commit: every write's statements in one batch, one implicit transaction (one round trip and one commit for
    /// the group). Conflicts are rare, so instead of a savepoint per write (a round trip each) a failed head check fails
    /// the whole batch; its hint names the write, that write is answered with its conflict, and the rest are sent again.
    /// </summary>
    public async Task<IReadOnlyList<Exception?>> SaveGroupAsync(IReadOnlyList<CaseWrite> writes, CancellationToken cancellationToken = default)
    {
        var results = new Exception?[writes.Count];
        // In case order, so two groups that both hold the same cases (a duplicate activation) lock them alike, never crosswise.
        var remaining = Enumerable.Range(0, writes.Count).OrderBy(i => writes[i].CaseId, StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            for (var place = 0; place < remaining.Count; place++)
            {
                AddWrite(batch, writes[remaining[place]], place);
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return results;
            }
            catch (PostgresException exception) when (exception.SqlState == HeadMoved
                && int.TryParse(exception.Hint, NumberStyles.None, CultureInfo.InvariantCulture, out var failed) && failed < remaining.Count)
            {
                results[remaining[failed]] = Conflict(writes[remaining[failed]], "the stored head is at another revision");
                remaining.RemoveAt(failed);
            }
            catch (PostgresException exception) when (exception.SqlState is UniqueViolation or HeadMoved)
            {
                // An entry's position was taken (the server does not say by whose statement): rare enough (a stale copy)
                // to save what is left one case at a time.
                Interlocked.Increment(ref _groupsSavedOneByOne);
                await SaveEachAsync(writes, remaining, results, cancellationToken);
                return results;
            }
        }

        return results;
    }

    /// <summary>Groups whose conflict could not be pinned to one write, so they were saved one case at a time (tests read it).</summary>
    internal long GroupsSavedOneByOne => Interlocked.Read(ref _groupsSavedOneByOne);

    private async Task SaveEachAsync(IReadOnlyList<CaseWrite> writes, List<int> indices, Exception?[] results, CancellationToken cancellationToken)
    {
        foreach (var index in indices)
        {
            try
            {
                await SaveAsync(writes[index], cancellationToken);
            }
            catch (Exception exception)
            {
                results[index] = exception;
            }
        }
    }

    /// <summary>One case's save as statements of <paramref name="batch"/>; the head's raises <see cref="HeadMoved"/> when the optimistic check fails.</summary>
    private void AddWrite(NpgsqlBatch batch, CaseWrite write, int place)
    {
        var head = Head(write, place);
        batch.BatchCommands.Add(head);
        foreach (var append in write.Appends)
        {
            if (append.Rewrite)
            {
                var delete = Command($"DELETE FROM {append.Table} WHERE service_id = @service AND case_id = @case AND seq >= @from;", write.CaseId);
                delete.Parameters.AddWithValue("from", append.FromSeq);
                batch.BatchCommands.Add(delete);
            }

            // One statement per list: the entries go as two arrays, unnested into rows.
            var insert = Positional(InsertEntries[append.Table], write.CaseId);
            insert.Parameters.Add(new NpgsqlParameter { Value = append.FromSeq });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = append.Entries.Select(e => e.ToText()).ToArray() });
            batch.BatchCommands.Add(insert);
        }

        if (write.OutboxRemoved.Count > 0)
        {
            var delete = Command("DELETE FROM case_outbox WHERE service_id = @service AND case_id = @case AND message_id = ANY(@ids);", write.CaseId);
            delete.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = write.OutboxRemoved.ToArray() });
            batch.BatchCommands.Add(delete);
        }

        if (write.OutboxAdded.Count > 0)
        {
            var insert = Command("""
                INSERT INTO case_outbox (service_id, case_id, message_id, position, message)
                SELECT @service, @case, m.id, m.position, m.message FROM unnest(@ids::text[], @positions::bigint[], @messages::text[]) AS m(id, position, message);
                """, write.CaseId);
            insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = write.OutboxAdded.Select(m => m.MessageId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("positions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = write.OutboxAdded.Select(m => m.Position).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = write.OutboxAdded.Select(m => m.Message).ToArray() });
            batch.BatchCommands.Add(insert);
        }

        // The board's row with the case, in the same round trip.
        if (write.Summary is { } summary)
        {
            Board.CaseSummaryRows.AddUpsert(batch, summary);
        }

    }

    public async Task<IReadOnlyList<string>> ListCaseIdsAsync(string? afterId, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT case_id FROM case_head WHERE service_id = @service AND case_id COLLATE "C" > @after
            ORDER BY case_id COLLATE "C" LIMIT @take;
            """);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("after", afterId ?? "");
        command.Parameters.AddWithValue("take", pageSize);
        return await CaseStoreSql.ReadTextAsync(command, cancellationToken);
    }

    private NpgsqlBatchCommand Head(CaseWrite write, int place)
    {
        // Positional parameters ($1 service, $2 case, then in the order added), as every statement a save sends on each
        // command: Npgsql sends them as they are, where named ones are parsed and rewritten on every execution (issue 20).
        var command = Positional(write.ExpectedRevision is null
            ? """
              WITH written AS (
                INSERT INTO case_head (service_id, case_id, revision, version, status, head)
                VALUES ($1, $2, 1, $3, $4, $5)
                ON CONFLICT DO NOTHING RETURNING 1)
              SELECT servicehall_require_head(count(*), $6) FROM written;
              """
            : """
              WITH written AS (
                UPDATE case_head SET revision = $6, version = $3, status = $4, head = $5, modified_at = now()
                WHERE service_id = $1 AND case_id = $2 AND revision = $7 RETURNING 1)
              SELECT servicehall_require_head(count(*), $8) FROM written;
              """, write.CaseId);
        command.Parameters.Add(new NpgsqlParameter { Value = write.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = write.Status });
        // The head's UTF-8 bytes go as text (Npgsql writes the bytes of a text parameter as they are): no string of it.
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = write.Head.Memory });
        if (write.ExpectedRevision is { } expected)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = write.NewRevision });
            command.Parameters.Add(new NpgsqlParameter { Value = expected });
        }

        // The write's place in its batch, which the check's error carries back in its hint.
        command.Parameters.Add(new NpgsqlParameter { Value = place });
        return command;
    }

    public Task<IReadOnlyList<string>> ClosedBeforeAsync(DateTimeOffset cutoff, int take, CancellationToken cancellationToken = default) =>
        CaseStoreSql.ClosedBeforeAsync(_rows, _scope, cutoff, take, cancellationToken);

    public async Task<IReadOnlyList<string>?> PurgeClosedAsync(string caseId, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Locking the head row holds off a save of this case until the purge commits (saves update that row first).
        await using (var lockHead = connection.CreateCommand())
        {
            lockHead.Transaction = transaction;
            lockHead.CommandText = "SELECT 1 FROM case_head WHERE service_id = @service AND case_id = @case FOR UPDATE;";
            lockHead.Parameters.AddWithValue("service", serviceId);
            lockHead.Parameters.AddWithValue("case", caseId);
            if (await lockHead.ExecuteScalarAsync(cancellationToken) is null
                || !await CaseStoreSql.IsClosedBeforeAsync(connection, transaction, caseId, cutoff, cancellationToken))
            {
                return null;
            }
        }

        var documents = await CaseStoreSql.UploadDocumentIdsAsync(connection, transaction, _scope, caseId, cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var table in CaseRows.Lists.Select(l => l.Table).Append("case_outbox").Append("case_head"))
            {
                batch.BatchCommands.Add(Command($"DELETE FROM {table} WHERE service_id = @service AND case_id = @case;", caseId));
            }

            batch.BatchCommands.Add(Command("DELETE FROM case_summary WHERE case_id = @case;", caseId));

            // The single-row copy a conversion left behind (V0006) holds the same personal data.
            batch.BatchCommands.Add(Command(
                "DELETE FROM orleansstorage WHERE serviceid = @service AND graintypestring = 'case' AND grainidextensionstring = @case;", caseId));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return documents;
    }

    // One statement per list, built once: the entries go as an array, unnested into rows.
    private static readonly Dictionary<string, string> InsertEntries = CaseRows.Lists.ToDictionary(l => l.Table, l => $"""
        INSERT INTO {l.Table} (service_id, case_id, seq, entry)
        SELECT $1, $2, $3 + e.n - 1, e.entry FROM unnest($4::text[]) WITH ORDINALITY AS e(entry, n);
        """, StringComparer.Ordinal);

    /// <summary>A statement with positional parameters: $1 the service, $2 the case, the caller's next.</summary>
    private NpgsqlBatchCommand Positional(string sql, string caseId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = caseId });
        return command;
    }

    private NpgsqlBatchCommand Command(string sql, string caseId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("service", serviceId);
        command.Parameters.AddWithValue("case", caseId);
        return command;
    }

    private static InconsistentStateException Conflict(CaseWrite write, string why) => CaseWriteConflicts.Stale(write, why);
}
