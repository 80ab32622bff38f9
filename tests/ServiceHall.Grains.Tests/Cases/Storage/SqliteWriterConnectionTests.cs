using Microsoft.Data.Sqlite;
using Orleans.Storage;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// Case saves run on the embedded file's one long-lived writer connection with kept (prepared) commands (issue 20):
/// a refused, failed or rolled-back save leaves nothing behind that a later save could trip over, and a checkpoint or a
/// backup in between neither waits for the idle writer nor hides its later writes.
/// </summary>
public sealed class SqliteWriterConnectionTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    private SqliteCaseStore Store => new(_file.Database);

    [Fact]
    public async Task A_save_refused_for_a_taken_position_leaves_the_connection_usable_for_the_next_saves()
    {
        var store = Store;
        await store.SaveAsync(Write("wc-a", expected: null));
        await store.SaveAsync(Write("wc-b", expected: null));

        // Entry 1 of wc-a exists: the journal insert hits the primary key after the head and the board row's triggers ran.
        var clash = Write("wc-a", expected: 1) with { Appends = [new ListAppend("case_journal", 1, ["{\"entry\":\"clash\"}"], Rewrite: false)] };
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.SaveAsync(clash));

        await store.SaveAsync(Write("wc-a", expected: 1, outbox: "m-a2"));
        await store.SaveAsync(Write("wc-b", expected: 1));
        await AssertStoredAsync("wc-a", revision: 2, outbox: ["m-a2"]);
        await AssertStoredAsync("wc-b", revision: 2);
    }

    [Fact]
    public async Task A_save_refused_for_a_stale_head_leaves_the_connection_usable_for_the_next_saves()
    {
        var store = Store;
        await store.SaveAsync(Write("wc-s", expected: null));
        await store.SaveAsync(Write("wc-s", expected: 1));

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.SaveAsync(Write("wc-s", expected: 1)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.SaveAsync(Write("wc-s", expected: null)));

        await store.SaveAsync(Write("wc-s", expected: 2, outbox: "m-s3"));
        await AssertStoredAsync("wc-s", revision: 3, outbox: ["m-s3"]);
    }

    [Fact]
    public async Task A_save_failing_half_way_rolls_back_and_the_next_save_writes_on_a_fresh_connection()
    {
        var store = Store;
        await store.SaveAsync(Write("wc-f", expected: null));
        // An error that is no refusal (SQLITE_ERROR from malformed JSON) once the head and entries are written.
        await ExecuteAsync("CREATE TRIGGER boom BEFORE INSERT ON case_outbox WHEN new.message_id = 'boom' BEGIN SELECT json('{'); END;");
        var first = await WriterConnectionAsync();

        var failure = await Assert.ThrowsAsync<SqliteException>(() => store.SaveAsync(Write("wc-f", expected: 1, outbox: "boom")));
        Assert.Equal(1, failure.SqliteErrorCode);

        Assert.NotSame(first, await WriterConnectionAsync());
        await AssertStoredAsync("wc-f", revision: 1);
        await store.SaveAsync(Write("wc-f", expected: 1, outbox: "m-f2"));
        await AssertStoredAsync("wc-f", revision: 2, outbox: ["m-f2"]);
    }

    [Fact]
    public async Task A_group_with_a_rolled_back_save_commits_the_others_and_the_next_group_reuses_the_connection()
    {
        var store = Store;
        await store.SaveAsync(Write("wc-g1", expected: null));
        await store.SaveAsync(Write("wc-g2", expected: null));
        var connection = await WriterConnectionAsync();

        var results = await store.SaveGroupAsync([Write("wc-g1", expected: 1), Write("wc-g2", expected: 7), Write("wc-g3", expected: null)]);
        Assert.Null(results[0]);
        Assert.IsType<InconsistentStateException>(results[1]);
        Assert.Null(results[2]);

        results = await store.SaveGroupAsync([Write("wc-g2", expected: 1), Write("wc-g3", expected: 1, outbox: "m-g3")]);
        Assert.All(results, Assert.Null);
        Assert.Same(connection, await WriterConnectionAsync());
        await AssertStoredAsync("wc-g1", revision: 2);
        await AssertStoredAsync("wc-g2", revision: 2);
        await AssertStoredAsync("wc-g3", revision: 2, outbox: ["m-g3"]);
    }

    [Fact]
    public async Task A_turn_that_leaves_a_transaction_open_passes_on_a_fresh_connection()
    {
        SqliteConnection abandoned;
        using (var turn = await _file.Database.EnterWriterAsync())
        {
            abandoned = await turn.ConnectionAsync();
            var transaction = abandoned.BeginTransaction(deferred: false);
            var insert = turn.Command("INSERT INTO case_head (case_id, revision, version, status, head, modified_utc) VALUES ('wc-lost', 1, 1, 'open', '{}', 'now');", transaction);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.NotSame(abandoned, await WriterConnectionAsync());
        Assert.Null(await Store.RevisionAsync("wc-lost"));
        await Store.SaveAsync(Write("wc-lost", expected: null));
        await AssertStoredAsync("wc-lost", revision: 1);
    }

    [Fact]
    public async Task A_checkpoint_and_a_backup_complete_beside_the_open_writer_and_later_saves_land_in_the_file()
    {
        var store = Store;
        for (var i = 0; i < 20; i++)
        {
            await store.SaveAsync(Write($"wc-c{i:D2}", expected: null));
        }

        // TRUNCATE waits for every reader: it completes only if the writer connection holds no snapshot between saves.
        await using (var connection = await _file.Database.OpenAsync())
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await checkpoint.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(0, reader.GetInt32(0));
        }

        Assert.Equal(0, new FileInfo(_file.Database.DatabasePath + "-wal").Length);
        await store.SaveAsync(Write("wc-c00", expected: 1, outbox: "m-c00"));

        var backup = Path.Combine(Path.GetDirectoryName(_file.Database.DatabasePath)!, "backup.db");
        await using (var source = await _file.Database.OpenAsync())
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Pooling = false }.ToString()))
        {
            await copy.OpenAsync();
            source.BackupDatabase(copy);
        }

        await store.SaveAsync(Write("wc-c01", expected: 1));
        await store.SaveAsync(Write("wc-c00", expected: 2));
        await AssertStoredAsync("wc-c00", revision: 3, outbox: ["m-c00"]);
        await AssertStoredAsync("wc-c01", revision: 2);

        await using var restored = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await restored.OpenAsync();
        await using var heads = restored.CreateCommand();
        heads.CommandText = "SELECT count(*), sum(revision), (SELECT count(*) FROM case_summary) FROM case_head;";
        await using var row = await heads.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(20, row.GetInt64(0));
        Assert.Equal(21, row.GetInt64(1));
        Assert.Equal(20, row.GetInt64(2));
    }

    [Fact]
    public async Task The_writer_connection_follows_the_background_checkpoint_switch()
    {
        Assert.Equal(1000, await AutoCheckpointAsync());
        _file.Database.BackgroundCheckpoints = true;
        Assert.Equal(0, await AutoCheckpointAsync());
        await using (var pooled = await _file.Database.OpenAsync())
        {
            Assert.Equal(0L, await ScalarAsync(pooled, "PRAGMA wal_autocheckpoint;"));
        }

        _file.Database.BackgroundCheckpoints = false;
        Assert.Equal(1000, await AutoCheckpointAsync());
        await using (var pooled = await _file.Database.OpenAsync())
        {
            Assert.Equal(1000L, await ScalarAsync(pooled, "PRAGMA wal_autocheckpoint;"));
            Assert.Equal(1L, await ScalarAsync(pooled, "PRAGMA foreign_keys;"));
        }
    }

    private async Task<long> AutoCheckpointAsync()
    {
        using var turn = await _file.Database.EnterWriterAsync();
        return await ScalarAsync(await turn.ConnectionAsync(), "PRAGMA wal_autocheckpoint;");
    }

    private async Task<SqliteConnection> WriterConnectionAsync()
    {
        using var turn = await _file.Database.EnterWriterAsync();
        return await turn.ConnectionAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _file.Database.OpenAsync();
        await ScalarOrNothingAsync(connection, sql);
    }

    private static async Task ScalarOrNothingAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The case as stored: head revision, one journal entry per revision, its outbox and its board row's version.</summary>
    private async Task AssertStoredAsync(string id, long revision, string[]? outbox = null)
    {
        var stored = await Store.LoadAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(revision, stored.Revision);
        Assert.Equal(Enumerable.Range(1, (int)revision).Select(r => $"{{\"entry\":{r}}}"), stored.Lists["case_journal"]);
        Assert.Equal(outbox ?? [], stored.Outbox.Select(m => m.MessageId));
        await using var connection = await _file.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, status FROM case_summary WHERE case_id = $case;";
        command.Parameters.AddWithValue("$case", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(revision, reader.GetInt64(0));
        Assert.Equal(revision % 2 == 0 ? CaseStatuses.Suspended : CaseStatuses.Open, reader.GetString(1));
    }

    /// <summary>
    /// A case's next save: head at the next revision, one journal entry, its board row (the status alternates so the
    /// daily-figure triggers append changes), and optionally a queued message.
    /// </summary>
    internal static CaseWrite Write(string id, long? expected, string? outbox = null)
    {
        var revision = (expected ?? 0) + 1;
        var status = revision % 2 == 0 ? CaseStatuses.Suspended : CaseStatuses.Open;
        var state = new CaseState { Id = id, Hall = "tianhe", Status = status, Version = revision };
        return new CaseWrite
        {
            CaseId = id,
            ExpectedRevision = expected,
            Version = revision,
            Status = status,
            Head = CaseRows.Head(state),
            Appends = [new ListAppend("case_journal", revision, [$"{{\"entry\":{revision}}}"], Rewrite: false)],
            OutboxAdded = outbox is null ? [] : [new StoredOutboxRow(revision, outbox, "{\"to\":\"" + outbox + "\"}")],
            OutboxRemoved = [],
            Summary = CaseRowSamples.Row(id, version: revision, status: status),
        };
    }

    public void Dispose() => _file.Dispose();
}
