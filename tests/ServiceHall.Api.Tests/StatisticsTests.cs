using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary><c>/api/stats/cases</c> counts what the board knows, for managers of the hall and admins.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class StatisticsTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task NewCasesMoveTheHallsFigures()
    {
        var manager = await _walker.AsAsync("manager");
        var before = (await manager.GetAsync("/api/stats/cases")).Json;

        var instant = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-001", channel: "instant", window: "instant", delivery: new { method = "electronic" }));
        await _walker.ActAsync(CaseWalker.Id(instant), "clerk", "accept");
        var done = await _walker.ActAsync(CaseWalker.Id(instant), "clerk", "pass");
        var returned = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var waiting = await _walker.ActAsync(CaseWalker.Id(returned), "clerk", "request-correction", new { deficiencies = new[] { new { problem = "缺页" } } });
        await _walker.WaitForBoardAsync(done);
        await _walker.WaitForBoardAsync(waiting);

        var row = await _walker.WaitForBoardAsync(done);
        Assert.True(row["status"]!.GetValue<string>() == "completed", row.ToJsonString());
        var after = (await manager.GetAsync("/api/stats/cases")).Json;
        Assert.Equal(Int(before, "opened") + 2, Int(after, "opened"));
        Assert.Equal(Int(before, "completed") + 1, Int(after, "completed"));
        Assert.Equal(Count(before, "byChannel", "instant") + 1, Count(after, "byChannel", "instant"));
        Assert.Equal(Count(before, "byWindow", "instant") + 1, Count(after, "byWindow", "instant"));
        Assert.True(after["fastestHandlingMinutes"]!.GetValue<double>() < 60);
        Assert.True(after["returnRate"]!.GetValue<double>() > 0);
        Assert.True(after["averageHandlingMinutesByChannel"]!["instant"]!.GetValue<double>() < 60);

        var clerk = await (await _walker.AsAsync("clerk")).GetAsync("/api/stats/cases");
        Assert.Equal(HttpStatusCode.Forbidden, clerk.Status);
        var otherHall = await manager.GetAsync("/api/stats/cases?hall=qy");
        Assert.Equal((HttpStatusCode.Forbidden, "hall"), (otherHall.Status, otherHall.Field));
        var badDate = await manager.GetAsync("/api/stats/cases?from=28-11-2026");
        Assert.Equal((HttpStatusCode.BadRequest, "from"), (badDate.Status, badDate.Field));
    }

    private static int Int(JsonNode stats, string name) => stats[name]!.GetValue<int>();

    private static int Count(JsonNode stats, string group, string key) => stats[group]![key]?.GetValue<int>() ?? 0;
}
