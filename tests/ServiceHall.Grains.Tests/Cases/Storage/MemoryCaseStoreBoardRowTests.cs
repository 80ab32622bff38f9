using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// The memory case store writes each save's board row into its SQLite rows database as that database's writer
/// (issue 20: on their own connections the rows' writers polled the file lock in SQLite's busy handler, sleeping up to
/// 100 ms, the grain benchmark's p95 of 208 ms).
/// </summary>
public sealed class MemoryCaseStoreBoardRowTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task Concurrent_saves_all_land_their_board_rows_at_their_last_version()
    {
        var store = new MemoryCaseStore(new SqliteCaseRowsDatabase(_file.Database));
        var ids = Enumerable.Range(1, 48).Select(i => $"mem-{i:D2}").ToArray();

        await Task.WhenAll(ids.Select(id => Task.Run(() => store.SaveAsync(SqliteWriterConnectionTests.Write(id, expected: null)))));
        await Task.WhenAll(ids.Select(id => Task.Run(() => store.SaveAsync(SqliteWriterConnectionTests.Write(id, expected: 1)))));

        await using var connection = await _file.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT case_id, version FROM case_summary ORDER BY case_id;";
        var rows = new List<(string, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        Assert.Equal(ids.Select(id => (id, 2L)), rows);
        foreach (var id in ids)
        {
            Assert.Equal(2, await store.RevisionAsync(id));
        }
    }

    [Fact]
    public async Task A_board_row_waits_for_the_writer_turn_instead_of_polling_the_file()
    {
        var store = new MemoryCaseStore(new SqliteCaseRowsDatabase(_file.Database));
        await store.SaveAsync(SqliteWriterConnectionTests.Write("mem-turn", expected: null));

        var turn = await _file.Database.EnterWriterAsync();
        var save = store.SaveAsync(SqliteWriterConnectionTests.Write("mem-turn", expected: 1));
        Assert.False(save.IsCompleted);

        turn.Dispose();
        await save.WaitAsync(TimeSpan.FromSeconds(10));
        await using var connection = await _file.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM case_summary WHERE case_id = 'mem-turn';";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    public void Dispose() => _file.Dispose();
}
