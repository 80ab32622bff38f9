using System.Text.Json.Nodes;
using ServiceHall.Grains.Cases;
using ServiceHall.TestSupport;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// The hall's board (case index) is a read model: whatever its stored snapshot says after a stop, it ends up showing
/// every case at its latest version, by itself after an unclean stop or without a snapshot, and on an admin rebuild
/// otherwise. The snapshot is edited while the cluster is down, as a crash or a bad backup would leave it.
/// </summary>
public sealed class BoardRecoveryTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly TimeSpan BoardWait = TimeSpan.FromSeconds(30);

    private StoredBoardSnapshot Snapshot => StoredBoardSnapshot.Sqlite(cluster.DataFolder, "gz");

    [Fact]
    public async Task ACleanStopMarksTheSnapshotAndTheFirstChangeAfterwardsClearsTheMark()
    {
        var mine = await OpenCasesAsync(2);
        await WaitForBoardAsync("before the stop", board => Includes(board, mine));

        JsonObject? stored = null;
        await cluster.RestartAsync(async () => stored = await Snapshot.ReadAsync());
        Assert.True(stored?["savedOnDeactivation"]?.GetValue<bool>(), stored?.ToJsonString());
        Assert.All(mine.Keys, id => Assert.NotNull(stored!["cases"]![id]));

        await BoardAsync();
        Assert.True((await Snapshot.ReadAsync())!["savedOnDeactivation"]!.GetValue<bool>(), "a query alone writes nothing");
        var next = await OpenCasesAsync(1);
        await WaitForBoardAsync("after the first change", board => Includes(board, next));
        await WaitAsync("the mark cleared durably", async () => (await Snapshot.ReadAsync())!["savedOnDeactivation"]!.GetValue<bool>() == false);
    }

    [Fact]
    public async Task ASnapshotLeftBehindByACrashIsCompletedFromTheCasesAfterTheRestart()
    {
        var mine = await OpenCasesAsync(3);
        var before = await WaitForBoardAsync("before the crash", board => Includes(board, mine));

        // What a crash leaves: the mark cleared by the first change, the changes of the last seconds not in the snapshot.
        await cluster.RestartAsync(async () =>
        {
            var snapshot = (await Snapshot.ReadAsync())!;
            foreach (var id in mine.Keys)
            {
                snapshot["cases"]!.AsObject().Remove(id);
            }

            snapshot["savedOnDeactivation"] = false;
            await Snapshot.ReplaceAsync(snapshot);
        });

        await WaitForBoardAsync("after the restart", board => Same(board, before));
    }

    [Fact]
    public async Task ABoardWithoutASnapshotIsRebuiltFromTheCasesAfterTheRestart()
    {
        var mine = await OpenCasesAsync(3);
        var before = await WaitForBoardAsync("before the snapshot was deleted", board => Includes(board, mine));

        await cluster.RestartAsync(() => Snapshot.DeleteAsync());

        await WaitForBoardAsync("after the restart", board => Same(board, before));
    }

    [Fact]
    public async Task AnEmptiedSnapshotMarkedCleanIsRestoredByARebuild()
    {
        var mine = await OpenCasesAsync(3);
        var before = await WaitForBoardAsync("before the snapshot was emptied", board => Includes(board, mine));

        // A snapshot that looks clean gives the board no reason to doubt it: only a rebuild repairs it.
        await cluster.RestartAsync(() => Snapshot.ReplaceAsync(new JsonObject { ["cases"] = new JsonObject(), ["savedOnDeactivation"] = true }));
        Assert.Empty(await BoardAsync());

        var report = await Rebuilder("gz").RebuildAsync();

        Assert.Equal(("gz", before.Count, before.Count, 0, 0), (report.Hall, report.CasesFound, report.Republished, report.OtherHalls, report.Failed));
        await WaitForBoardAsync("after the rebuild", board => Same(board, before));
    }

    [Fact]
    public async Task RebuildsWhileCasesChangeLeaveEveryCaseAtItsLatestVersion()
    {
        var mine = await OpenCasesAsync(12, accept: false);

        var rebuilds = Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Rebuilder(null).RebuildAsync()));
        var accepted = await Task.WhenAll(mine.Keys.Select(id => ActAsync(cluster.Case(id), Clerk, ActionNames.Accept)));
        var reports = await rebuilds;

        Assert.All(reports, r => Assert.Equal((null, 0, 0), (r.Hall, r.OtherHalls, r.Failed)));
        Assert.All(reports, r => Assert.True(r.CasesFound >= mine.Count && r.Republished == r.CasesFound, r.ToString()));
        var latest = accepted.ToDictionary(c => c.Id, c => c.Version);
        await WaitForBoardAsync("after the rebuilds", board => Includes(board, latest));
    }

    private ICaseIndexGrain Board => cluster.Cluster.Client.GetGrain<ICaseIndexGrain>(ICaseIndexGrain.Key("gz"));

    private IReadModelRebuildGrain Rebuilder(string? hall) => cluster.Cluster.Client.GetGrain<IReadModelRebuildGrain>(IReadModelRebuildGrain.Key(hall));

    /// <summary>Opens cases at the demo hall (gz); every other one is accepted too. Returns id → latest version.</summary>
    private async Task<Dictionary<string, long>> OpenCasesAsync(int count, bool accept = true)
    {
        var cases = new Dictionary<string, long>();
        for (var i = 0; i < count; i++)
        {
            var grain = cluster.NewCase();
            var view = await OpenAsync(grain);
            if (accept && i % 2 == 0)
            {
                view = await ActAsync(grain, Clerk, ActionNames.Accept);
            }

            cases[view.Id] = view.Version;
        }

        return cases;
    }

    private async Task<Dictionary<string, long>> BoardAsync() =>
        (await Board.QueryAsync(new CaseQuery(), 0, int.MaxValue)).Items.ToDictionary(c => c.Id, c => c.Version);

    private static bool Includes(Dictionary<string, long> board, Dictionary<string, long> cases) =>
        cases.All(c => board.TryGetValue(c.Key, out var version) && version == c.Value);

    private static bool Same(Dictionary<string, long> board, Dictionary<string, long> expected) =>
        board.Count == expected.Count && Includes(board, expected);

    private async Task<Dictionary<string, long>> WaitForBoardAsync(string phase, Func<Dictionary<string, long>, bool> done)
    {
        var board = new Dictionary<string, long>();
        await WaitAsync(phase, async () => done(board = await BoardAsync()), () => $"the board has {board.Count} cases");
        return board;
    }

    private static Task WaitAsync(string phase, Func<Task<bool>> done, Func<string>? actual = null) =>
        Eventually.UntilAsync(done, static reached => reached, phase, BoardWait, _ => actual?.Invoke() ?? "still false");
}
