using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.TestSupport;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// The board is the cases' summary rows: a case's row is written before its command answers, so a listing right after
/// shows it at that version, a restart changes nothing, a closed case leaves the board but stays searchable, and a
/// rebuild (the upgrade backfill) rewrites rows without ever moving one back to an older version.
/// </summary>
public sealed class BoardRowsTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly TimeSpan RowsWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryAnsweredCommandIsOnTheBoardAtItsVersionAtOnceAndAfterARestart()
    {
        var mine = await OpenCasesAsync(4);

        Assert.True(Includes(await BoardAsync(), mine), "rows written before the answers");
        await cluster.RestartAsync();
        Assert.True(Includes(await BoardAsync(), mine), "rows survive the restart untouched");
    }

    [Fact]
    public async Task AClosedCaseLeavesTheBoardButIsStillFoundByItsNumber()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        var rejected = await ActAsync(grain, Clerk, ActionNames.Reject, new { reason = "材料不全" });

        Assert.DoesNotContain(opened.Id, (await BoardAsync(new CaseQuery { ActiveOnly = true })).Keys);
        var found = await ListAsync(new HallQuery(null, new CaseQuery { Text = opened.Number }));
        Assert.Equal((opened.Id, rejected.Version, CaseStatuses.Rejected), (found.Single().Id, found.Single().Version, found.Single().Status));
        Assert.NotNull(found.Single().ClosedAt);
    }

    [Fact]
    public async Task AnotherHallsClerkScopeListsNoneOfTheHallsCases()
    {
        var mine = await OpenCasesAsync(2);

        var otherHall = await ListAsync(new HallQuery(OtherHallClerk.Hall, new CaseQuery()), new HallQuery(null, new CaseQuery { DeliveryHall = OtherHallClerk.Hall }));

        Assert.DoesNotContain(otherHall, c => mine.ContainsKey(c.Id));
        Assert.True(Includes(await BoardAsync(), mine));
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
        await Eventually.UntilAsync(() => BoardAsync(), board => Includes(board, latest), "every case at its latest version", RowsWait);
    }

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

    private async Task<IReadOnlyList<CaseSummary>> ListAsync(params HallQuery[] scopes) =>
        (await cluster.Cluster.Client.GetGrain<ICaseBoardGrain>(ICaseBoardGrain.Key)
            .ListAsync(new CaseRowsRequest { Scopes = scopes, Take = CaseRowsRequest.MaxDepth })).Items;

    private async Task<Dictionary<string, long>> BoardAsync(CaseQuery? query = null) =>
        (await ListAsync(new HallQuery("gz", query ?? new CaseQuery()))).ToDictionary(c => c.Id, c => c.Version);

    private static bool Includes(Dictionary<string, long> board, Dictionary<string, long> cases) =>
        cases.All(c => board.TryGetValue(c.Key, out var version) && version == c.Value);
}
