using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Grains.Tests.Board;

/// <summary>
/// Board rows written outside a case save (the memory case store, a rebuild) share a commit when they queue for the
/// writer's turn together; each caller still learns whether its own row changed, and a row that cannot be written
/// fails only its caller.
/// </summary>
public sealed class SqliteGroupedUpsertTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task Rows_queued_behind_a_turn_are_written_together_and_each_caller_gets_its_own_answer()
    {
        var rows = new SqliteCaseRowsDatabase(_file.Database);
        Assert.True(await rows.UpsertSummaryAsync(CaseRowSamples.Row("g-old", version: 5)));

        // Hold the writer's turn so the upserts queue behind it, then let them through at once.
        var turn = await _file.Database.EnterWriterAsync();
        var fresh = Enumerable.Range(1, 12).Select(i => rows.UpsertSummaryAsync(CaseRowSamples.Row($"g-{i:D2}", version: 1))).ToList();
        var stale = rows.UpsertSummaryAsync(CaseRowSamples.Row("g-old", version: 4, stage: "review"));
        Assert.DoesNotContain(fresh, t => t.IsCompleted);
        Assert.False(stale.IsCompleted);
        Assert.Equal(1, await RowCountAsync());
        turn.Dispose();

        Assert.All(await Task.WhenAll(fresh).WaitAsync(TimeSpan.FromSeconds(10)), Assert.True);
        Assert.False(await stale.WaitAsync(TimeSpan.FromSeconds(10)));
        for (var i = 1; i <= 12; i++)
        {
            var read = await ReadAsync($"g-{i:D2}");
            CaseRowsWriterContract.AssertSame(CaseRowSamples.Row($"g-{i:D2}", version: 1).Summary, read);
        }

        Assert.Equal("acceptance", (await ReadAsync("g-old")).Stage);
        Assert.Equal(13, await RowCountAsync());
    }

    [Fact]
    public async Task A_row_that_cannot_be_written_fails_only_its_own_caller()
    {
        var rows = new SqliteCaseRowsDatabase(_file.Database);
        Assert.True(await rows.UpsertSummaryAsync(CaseRowSamples.Row("taken")));

        var turn = await _file.Database.EnterWriterAsync();
        var before = rows.UpsertSummaryAsync(CaseRowSamples.Row("ok-1"));
        // Another case with the same tracking code: the unique index refuses it.
        var clash = rows.UpsertSummaryAsync(CaseRowSamples.Row("taken") with { Summary = CaseRowSamples.Row("clash").Summary });
        var after = rows.UpsertSummaryAsync(CaseRowSamples.Row("ok-2"));
        turn.Dispose();

        Assert.True(await before.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await after.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => clash.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("ok-1", (await ReadAsync("ok-1")).Id);
        Assert.Equal("ok-2", (await ReadAsync("ok-2")).Id);
        Assert.Null(await TryReadAsync("clash"));

        // The writer still works after the failed group.
        Assert.True(await rows.UpsertSummaryAsync(CaseRowSamples.Row("ok-1", version: 2)));
        Assert.Equal(2, (await ReadAsync("ok-1")).Version);
    }

    private async Task<long> RowCountAsync()
    {
        await using var connection = await _file.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM case_summary;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<ServiceHall.Grains.Cases.CaseSummary> ReadAsync(string id) =>
        await TryReadAsync(id) ?? throw new Xunit.Sdk.XunitException($"No row for {id}.");

    private async Task<ServiceHall.Grains.Cases.CaseSummary?> TryReadAsync(string id)
    {
        await using var connection = await _file.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CaseSummaryRows.Columns} FROM case_summary WHERE case_id = @id;";
        CaseSummaryRows.Add(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? CaseSummaryRows.Read(reader) : null;
    }

    public void Dispose() => _file.Dispose();
}
