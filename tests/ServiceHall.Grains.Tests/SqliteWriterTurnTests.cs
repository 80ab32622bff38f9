using Orleans.Runtime;

namespace ServiceHall.Grains.Tests;

/// <summary>
/// SQLite writers of one process take turns on <see cref="Storage.Sqlite.SqliteDatabase.EnterWriterAsync"/> (issue 20's
/// latency tail) instead of polling the file lock: the next writer starts when the one before passes its turn on, in
/// the order they asked.
/// </summary>
public sealed class SqliteWriterTurnTests : IDisposable
{
    private readonly SqliteTestDatabase _sqlite = new();

    [Fact]
    public async Task Writers_wait_for_the_turn_and_get_it_in_order()
    {
        var first = await _sqlite.Database.EnterWriterAsync();
        var second = _sqlite.Database.EnterWriterAsync();
        var third = _sqlite.Database.EnterWriterAsync();
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        first.Dispose();
        var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(third.IsCompleted);
        secondTurn.Dispose();
        secondTurn.Dispose(); // passing a turn on twice does not hand out a second one
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        var fourth = await _sqlite.Database.EnterWriterAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(_sqlite.Database.EnterWriterAsync().IsCompleted);
        fourth.Dispose();
    }

    [Fact]
    public async Task A_grain_state_write_waits_for_the_turn_held_by_another_writer()
    {
        var turn = await _sqlite.Database.EnterWriterAsync();
        var state = new GrainState<SqliteGrainStorageTests.Sample> { State = new SqliteGrainStorageTests.Sample { Count = 1 } };
        var write = _sqlite.Storage.WriteStateAsync("test", GrainId.Create("test", "turn"), state);
        Assert.False(write.IsCompleted);

        turn.Dispose();
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("1", state.ETag);
    }

    public void Dispose() => _sqlite.Dispose();
}
