using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

namespace ServiceHall.Grains.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly GrainId _grain = GrainId.Create("case", "case-0001");

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task MissingStateReadsAsDefaultWithoutETag()
    {
        var state = new GrainState<Sample>();
        await _db.Storage.ReadStateAsync("sample", _grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State!.Count);
    }

    [Fact]
    public async Task FirstWriteGetsETagOneAndEachWriteAddsOne()
    {
        var state = new GrainState<Sample> { State = new Sample { Count = 1, Name = "受理" } };
        await _db.Storage.WriteStateAsync("sample", _grain, state);
        Assert.Equal("1", state.ETag);

        state.State = state.State with { Count = 2 };
        await _db.Storage.WriteStateAsync("sample", _grain, state);
        Assert.Equal("2", state.ETag);

        var read = new GrainState<Sample>();
        await _db.Storage.ReadStateAsync("sample", _grain, read);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(new Sample { Count = 2, Name = "受理" }, read.State);
    }

    [Fact]
    public async Task StaleETagWriteIsRejectedAndLeavesStoredStateAlone()
    {
        var first = new GrainState<Sample> { State = new Sample { Count = 1 } };
        await _db.Storage.WriteStateAsync("sample", _grain, first);
        var stale = new GrainState<Sample> { State = new Sample { Count = 99 }, ETag = first.ETag };
        first.State = new Sample { Count = 2 };
        await _db.Storage.WriteStateAsync("sample", _grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _db.Storage.WriteStateAsync("sample", _grain, stale));

        var read = new GrainState<Sample>();
        await _db.Storage.ReadStateAsync("sample", _grain, read);
        Assert.Equal(2, read.State!.Count);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task ConcurrentFirstWritesHaveExactlyOneWinner()
    {
        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            try
            {
                await _db.Storage.WriteStateAsync("sample", _grain, new GrainState<Sample> { State = new Sample { Count = i } });
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }).ToList();

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task ClearKeepsATombstoneSoAStaleETagStaysStale()
    {
        var state = new GrainState<Sample> { State = new Sample { Count = 5 } };
        await _db.Storage.WriteStateAsync("sample", _grain, state);
        var staleCopy = new GrainState<Sample> { State = new Sample { Count = 6 }, ETag = state.ETag };

        await _db.Storage.ClearStateAsync("sample", _grain, state);
        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);

        var read = new GrainState<Sample>();
        await _db.Storage.ReadStateAsync("sample", _grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal(0, read.State!.Count);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _db.Storage.WriteStateAsync("sample", _grain, staleCopy));
        read.State = new Sample { Count = 7 };
        await _db.Storage.WriteStateAsync("sample", _grain, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task StateNamesAndGrainsAreIsolated()
    {
        var other = GrainId.Create("case", "case-0002");
        await _db.Storage.WriteStateAsync("sample", _grain, new GrainState<Sample> { State = new Sample { Count = 1 } });
        await _db.Storage.WriteStateAsync("other", _grain, new GrainState<Sample> { State = new Sample { Count = 2 } });
        await _db.Storage.WriteStateAsync("sample", other, new GrainState<Sample> { State = new Sample { Count = 3 } });

        async Task<int> Read(string name, GrainId id)
        {
            var state = new GrainState<Sample>();
            await _db.Storage.ReadStateAsync(name, id, state);
            return state.State!.Count;
        }

        int[] counts = [await Read("sample", _grain), await Read("other", _grain), await Read("sample", other)];
        Assert.Equal([1, 2, 3], counts);
    }

    [Fact]
    public async Task PayloadIsPlainJsonWithoutTypeNamesSoARenamedClassReadsOldRows()
    {
        await _db.Storage.WriteStateAsync("sample", _grain, new GrainState<Sample> { State = new Sample { Count = 4, Name = "窗口" } });

        var renamed = new GrainState<RenamedSample>();
        await _db.Storage.ReadStateAsync("sample", _grain, renamed);
        Assert.Equal(new RenamedSample { Count = 4, Name = "窗口" }, renamed.State);

        await using var connection = await _db.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'sample';";
        var json = Encoding.UTF8.GetString((byte[])(await command.ExecuteScalarAsync())!);
        Assert.Equal("""{"count":4,"name":"窗口"}""", json);
    }

    public sealed record Sample
    {
        public int Count { get; init; }

        public string? Name { get; init; }
    }

    public sealed record RenamedSample
    {
        public int Count { get; init; }

        public string? Name { get; init; }
    }
}
