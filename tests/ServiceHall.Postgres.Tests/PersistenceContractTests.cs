using Orleans.Runtime;
using Orleans.Storage;

namespace ServiceHall.Postgres.Tests;

/// <summary>ServiceHall's own SQL behind the real Orleans ADO.NET grain storage (shared/orleans-adonet-contract.md §4).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PersistenceContractTests(PostgresFixture postgres) : ContractSilo(postgres)
{
    private static readonly GrainId Case = GrainId.Create("case", "case-GZ-20261127-000001");

    [SkippableFact]
    public async Task MissingStateHasNoETagAndTheFirstWriteGetsOne()
    {
        var state = new GrainState<Sample>();
        await Storage.ReadStateAsync("sample", Case, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);

        state.State = new Sample { Count = 1, Text = "受理回执" };
        await Storage.WriteStateAsync("sample", Case, state);
        Assert.Equal("1", state.ETag);

        var read = new GrainState<Sample>();
        await Storage.ReadStateAsync("sample", Case, read);
        Assert.Equal("1", read.ETag);
        Assert.Equal(state.State, read.State);
    }

    [SkippableFact]
    public async Task AStaleETagIsRejectedAndTheRowKeepsTheWinner()
    {
        var winner = new GrainState<Sample> { State = new Sample { Count = 1 } };
        await Storage.WriteStateAsync("sample", Case, winner);
        var stale = new GrainState<Sample> { State = new Sample { Count = 99 }, ETag = winner.ETag };
        winner.State = new Sample { Count = 2 };
        await Storage.WriteStateAsync("sample", Case, winner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("sample", Case, stale));

        var read = new GrainState<Sample>();
        await Storage.ReadStateAsync("sample", Case, read);
        Assert.Equal(2, read.State!.Count);
        Assert.Equal("2", read.ETag);
    }

    [SkippableFact]
    public async Task ConcurrentFirstWritesHaveExactlyOneWinner()
    {
        var grain = GrainId.Create("case", "case-race");
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            try
            {
                await Storage.WriteStateAsync("sample", grain, new GrainState<Sample> { State = new Sample { Count = i } });
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(won => won));
        var read = new GrainState<Sample>();
        await Storage.ReadStateAsync("sample", grain, read);
        Assert.Equal("1", read.ETag);
    }

    [SkippableFact]
    public async Task ClearKeepsTheRowAndMovesTheVersionOn()
    {
        var grain = GrainId.Create("case", "case-clear");
        var state = new GrainState<Sample> { State = new Sample { Count = 3 } };
        await Storage.WriteStateAsync("sample", grain, state);
        var stale = new GrainState<Sample> { State = new Sample { Count = 4 }, ETag = state.ETag };

        await Storage.ClearStateAsync("sample", grain, state);
        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("sample", grain, stale));

        state.State = new Sample { Count = 5 };
        await Storage.WriteStateAsync("sample", grain, state);
        Assert.Equal("3", state.ETag);
    }

    [SkippableFact]
    public async Task KeyKindsRoundTripAndStayApart()
    {
        // "020235" and "20235" parse as the same hex integer (contract pitfall 3); ServiceHall keys carry a prefix.
        GrainId[] grains =
        [
            GrainId.Create("case", "case-020235"), GrainId.Create("case", "case-20235"),
            GrainId.Create("case", "020235"), GrainId.Create("case", Guid.NewGuid().ToString("N")),
            GrainId.Create("case", "cafe+窗口"),
        ];
        for (var i = 0; i < grains.Length; i++)
        {
            await Storage.WriteStateAsync("sample", grains[i], new GrainState<Sample> { State = new Sample { Count = i + 1 } });
        }

        for (var i = 0; i < grains.Length; i++)
        {
            var read = new GrainState<Sample>();
            await Storage.ReadStateAsync("sample", grains[i], read);
            Assert.Equal(i + 1, read.State!.Count);
        }

        // Rows are keyed by state name, not grain class (pitfall 2): another state name is another row.
        var other = new GrainState<Sample>();
        await Storage.ReadStateAsync("other", grains[0], other);
        Assert.Null(other.ETag);
    }

    [SkippableFact]
    public async Task AMegabytePayloadRoundTripsExactly()
    {
        var grain = GrainId.Create("case", "case-large");
        var text = string.Concat(Enumerable.Range(0, 1 << 17).Select(i => (char)('一' + (i % 2000))));
        await Storage.WriteStateAsync("sample", grain, new GrainState<Sample> { State = new Sample { Count = 1, Text = text } });

        var read = new GrainState<Sample>();
        await Storage.ReadStateAsync("sample", grain, read);
        Assert.Equal(text, read.State!.Text);
    }

    public sealed record Sample
    {
        public int Count { get; init; }

        public string? Text { get; init; }
    }
}
