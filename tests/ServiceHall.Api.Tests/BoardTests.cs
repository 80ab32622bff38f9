using System.Net;

namespace ServiceHall.Api.Tests;

/// <summary>The board and search: filters, paging, and each role's scope.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class BoardTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task TheBoardFiltersByStageAndTextAndKeepsEachRoleInItsScope()
    {
        var atAcceptance = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var hazchem = await _walker.OpenAsync(CaseWalker.Application("GZ-YJGL-001"));
        var accepted = await _walker.ActAsync(CaseWalker.Id(hazchem), "clerk", "accept");
        await _walker.WaitForBoardAsync(atAcceptance);
        var row = await _walker.WaitForBoardAsync(accepted);
        Assert.Equal("formal-review", row["stage"]!.GetValue<string>());
        Assert.Equal("on-track", row["slaState"]!.GetValue<string>());

        var clerk = await _walker.AsAsync("clerk");
        var formal = await clerk.GetAsync($"/api/cases?stage=formal-review&q={accepted["number"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.OK, formal.Status);
        Assert.Equal(1, formal.Json["total"]!.GetValue<int>());
        var acceptance = await clerk.GetAsync($"/api/cases?stage=acceptance&q={accepted["number"]!.GetValue<string>()}");
        Assert.Equal(0, acceptance.Json["total"]!.GetValue<int>());

        // reviewer2 (emergency management) sees the hazardous-chemicals case, not the market-regulation one.
        var reviewer2 = await _walker.AsAsync("reviewer2");
        var theirs = (await reviewer2.GetAsync($"/api/cases?q={accepted["number"]!.GetValue<string>()}")).Json;
        Assert.Equal(1, theirs["total"]!.GetValue<int>());
        var notTheirs = (await reviewer2.GetAsync($"/api/cases?q={atAcceptance["number"]!.GetValue<string>()}")).Json;
        Assert.Equal(0, notTheirs["total"]!.GetValue<int>());

        var all = (await clerk.GetAsync("/api/cases")).Json;
        Assert.True(all["total"]!.GetValue<int>() >= 2);
        Assert.True(all["items"]!.AsArray().Count <= all["pageSize"]!.GetValue<int>());
        var opened = all["items"]!.AsArray().Select(i => i!["openedAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(opened.OrderByDescending(o => o), opened);
    }
}
