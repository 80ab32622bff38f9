using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ServiceHall.Api.Tests;

/// <summary>
/// The board and statistics are rows written with each case (<c>case_summary</c>): a kill -9 right after changes
/// loses none of them, a database without rows (an upgrade) is filled at start-up, and an admin rebuild rewrites rows
/// that went missing. Each mode runs its own silo, and counts are taken relative to what the board showed at the start.
/// </summary>
public abstract class BoardRowsRecoveryScenarios(SiloFixture silo, ITestOutputHelper output) : IDisposable
{
    private const string Hall = "gz";
    private static readonly TimeSpan BoardWait = TimeSpan.FromSeconds(60);

    private CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [SkippableFact]
    public async Task AKillRightAfterChangesLosesNothingFromTheBoardOrTheStatistics()
    {
        var (board, opened) = await CountsAsync();
        var cases = new List<JsonNode>();
        for (var i = 0; i < 8; i++)
        {
            var view = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
            cases.Add(i % 2 == 0 ? await _walker.ActAsync(CaseWalker.Id(view), "clerk", "accept") : view);
        }

        await RestartAsync(() => Task.CompletedTask);

        // No waiting: the rows were written with the cases, before their answers.
        Assert.Equal((board + cases.Count, opened + cases.Count), await CountsAsync());
        var admin = await _walker.AsAsync("admin");
        foreach (var view in cases)
        {
            // At its latest version: the accepted ones in formal review, not at acceptance as first opened.
            var row = (await admin.GetAsync($"/api/cases?hall={Hall}&q={view["number"]!.GetValue<string>()}")).Json["items"]!.AsArray().Single()!;
            Assert.Equal(CaseWalker.Stage(view), row["stage"]!.GetValue<string>());
        }
    }

    [SkippableFact]
    public async Task ADatabaseWithCasesButNoRowsIsFilledAtStartUp()
    {
        await _walker.WaitForBoardAsync(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        var (board, opened) = await CountsAsync();

        // What a database from before the rows existed looks like: stored cases, an empty case_summary.
        await RestartAsync(() => Rows().DeleteAsync());

        await WaitForCountsAsync("after the start-up backfill", board, opened);
    }

    [SkippableFact]
    public async Task AnAdminRebuildRewritesAHallsMissingRows()
    {
        for (var i = 0; i < 4; i++)
        {
            await _walker.WaitForBoardAsync(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        }

        var (board, opened) = await CountsAsync();
        await RestartAsync(() => Rows().DeleteAsync(Hall));
        var (emptied, _) = await CountsAsync();
        Assert.True(emptied <= board, $"the board shows {emptied} of {board} cases");

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
        // The rebuild answers once every case wrote its row: nothing left to wait for.
        Assert.Equal((board, opened), await CountsAsync());
        output.WriteLine($"rebuild of {board} cases: {report["elapsedMilliseconds"]} ms in the grain, {clock.ElapsedMilliseconds} ms in all");
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

    private StoredBoardRows Rows() => silo.Postgres ? StoredBoardRows.Postgres(silo.ConnectionString!) : StoredBoardRows.Sqlite(silo.DataFolder);

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

public sealed class EmbeddedBoardRowsRecoveryTests(SiloFixture silo, ITestOutputHelper output)
    : BoardRowsRecoveryScenarios(silo, output), IClassFixture<SiloFixture>;

[Collection("postgres-api")]
public sealed class PostgresBoardRowsRecoveryTests(PostgresSiloFixture silo, ITestOutputHelper output)
    : BoardRowsRecoveryScenarios(silo, output), IClassFixture<PostgresSiloFixture>;
