using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ServiceHall.Api.Tests;

/// <summary>
/// The board and statistics are read models of the cases: after a kill -9 they count every case again by themselves,
/// and an admin rebuild restores them when their stored snapshot is wrong but looks fine. Each mode runs its own silo,
/// and counts are taken relative to what the board showed when the test started.
/// </summary>
public abstract class ReadModelRecoveryScenarios(SiloFixture silo, ITestOutputHelper output) : IDisposable
{
    private const string Hall = "gz";
    private static readonly TimeSpan BoardWait = TimeSpan.FromSeconds(60);

    private CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [SkippableFact]
    public async Task AfterAKillRightAfterChangesTheBoardAndStatisticsCountEveryCase()
    {
        var (board, opened) = await CountsAsync();
        var cases = new List<JsonNode>();
        for (var i = 0; i < 8; i++)
        {
            var view = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
            cases.Add(i % 2 == 0 ? await _walker.ActAsync(CaseWalker.Id(view), "clerk", "accept") : view);
        }

        // Within the 5 s the board waits before saving a snapshot: the stored one lacks most of these cases.
        var stored = 0;
        await RestartAsync(async () => stored = await Snapshot().CountCasesAsync());
        Assert.True(stored < board + cases.Count, $"the snapshot already held all {stored} cases; the kill came too late to test recovery");

        await WaitForCountsAsync("after the kill", board + cases.Count, opened + cases.Count);
        foreach (var view in cases)
        {
            // At its latest version: the accepted ones in formal review, not at acceptance as first opened.
            Assert.Equal(CaseWalker.Stage(view), (await _walker.WaitForBoardAsync(view))["stage"]!.GetValue<string>());
        }
    }

    [SkippableFact]
    public async Task AnAdminRebuildRestoresABoardWhoseSnapshotWasEmptied()
    {
        for (var i = 0; i < 4; i++)
        {
            await _walker.WaitForBoardAsync(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        }

        var (board, opened) = await CountsAsync();

        // A clean-looking but empty snapshot (say, from a bad backup): the board has no reason to doubt it.
        await RestartAsync(() => Snapshot().ReplaceAsync(new JsonObject { ["cases"] = new JsonObject(), ["savedOnDeactivation"] = true }));
        // Cases whose restart brings a durable change of their own (a pending SMS sent, say) put themselves back at
        // once, so the emptied board is only known to lack what has not changed since; the rebuild must restore all.
        var (emptied, _) = await CountsAsync();
        Assert.True(emptied <= board, $"the emptied board shows {emptied} of {board} cases");

        var manager = await (await _walker.AsAsync("manager")).PostAsync($"/api/admin/read-models/rebuild?hall={Hall}", null);
        Assert.Equal(HttpStatusCode.Forbidden, manager.Status);
        var clock = Stopwatch.StartNew();
        var rebuilt = await (await _walker.AsAsync("admin")).PostAsync($"/api/admin/read-models/rebuild?hall={Hall}", null);

        Assert.True(rebuilt.Status == HttpStatusCode.OK, rebuilt.ToString());
        var report = rebuilt.Json;
        Assert.Equal(Hall, report["hall"]!.GetValue<string>());
        Assert.Equal(board, report["republished"]!.GetValue<int>());
        Assert.Equal(report["casesFound"]!.GetValue<int>(), report["republished"]!.GetValue<int>() + report["otherHalls"]!.GetValue<int>());
        Assert.Equal(0, report["failed"]!.GetValue<int>());
        await WaitForCountsAsync("after the rebuild", board, opened);
        output.WriteLine($"rebuild of {board} cases: {report["elapsedMilliseconds"]} ms in the grain, {clock.ElapsedMilliseconds} ms until the board was complete");
    }

    [SkippableFact]
    public async Task TheRebuildEndpointIsForAdminsAndNamesABadHall()
    {
        const string path = "/api/admin/read-models/rebuild";
        Assert.Equal(HttpStatusCode.Unauthorized, (await _walker.Anonymous.PostAsync(path, null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _walker.AsAsync("clerk")).PostAsync(path, null)).Status);

        var admin = await _walker.AsAsync("admin");
        var blank = await admin.PostAsync($"{path}?hall=%20", null);
        Assert.Equal((HttpStatusCode.BadRequest, "hall"), (blank.Status, blank.Field));
        Assert.Equal("application/problem+json", blank.MediaType);
        var unknown = await admin.PostAsync($"{path}?hall=atlantis", null);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "hall"), (unknown.Status, unknown.Field));

        var everyHall = await admin.PostAsync(path, null);
        Assert.True(everyHall.Status == HttpStatusCode.OK, everyHall.ToString());
        Assert.Null(everyHall.Json["hall"]);
        Assert.Equal(everyHall.Json["casesFound"]!.GetValue<int>(), everyHall.Json["republished"]!.GetValue<int>());

        var openApi = await _walker.Anonymous.GetAsync("/openapi/v1.json");
        Assert.NotNull(openApi.Json["paths"]![path]!["post"]);
    }

    private StoredBoardSnapshot Snapshot() => silo.Postgres
        ? StoredBoardSnapshot.Postgres(silo.ConnectionString!, Hall)
        : StoredBoardSnapshot.Sqlite(silo.DataFolder, Hall);

    /// <summary>kill -9, then a new process on the same data; the walker's sign-ins belong to the old process's clients.</summary>
    private async Task RestartAsync(Func<Task> whileDown)
    {
        await silo.RestartAsync(kill: true, whileDown);
        _walker.Dispose();
        _walker = new CaseWalker(silo.BaseUrl);
    }

    /// <summary>The hall's board total and its opened count in the statistics, as an admin sees them.</summary>
    private async Task<(int Board, int Opened)> CountsAsync()
    {
        var admin = await _walker.AsAsync("admin");
        var board = (await admin.GetAsync($"/api/cases?hall={Hall}")).Json["total"]!.GetValue<int>();
        var opened = (await admin.GetAsync($"/api/stats/cases?hall={Hall}")).Json["opened"]!.GetValue<int>();
        return (board, opened);
    }

    private Task WaitForCountsAsync(string phase, int board, int opened) =>
        Eventually.UntilAsync(CountsAsync, counts => counts == (board, opened), $"{phase}: board/opened ({board}, {opened})", BoardWait);
}

public sealed class EmbeddedReadModelRecoveryTests(SiloFixture silo, ITestOutputHelper output)
    : ReadModelRecoveryScenarios(silo, output), IClassFixture<SiloFixture>;

[Collection("postgres-api")]
public sealed class PostgresReadModelRecoveryTests(PostgresSiloFixture silo, ITestOutputHelper output)
    : ReadModelRecoveryScenarios(silo, output), IClassFixture<PostgresSiloFixture>;
