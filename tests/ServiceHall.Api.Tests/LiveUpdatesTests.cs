using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ServiceHall.Api.Tests;

/// <summary>Real SignalR connections to <c>/hubs/cases</c>: who hears what, and catching up after a disconnect.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class LiveUpdatesTests(SiloFixture silo) : IAsyncDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private readonly CaseChangeListeners _live = new(silo.BaseUrl);

    public async ValueTask DisposeAsync()
    {
        await _live.DisposeAsync();

        _walker.Dispose();
    }

    [Fact]
    public async Task ABoardAndATrackerHearEachDurableChangeAndOtherScopesDoNot()
    {
        var (clerkBoard, clerkHeard) = await ConnectAsync("clerk");
        await clerkBoard.InvokeAsync<JsonElement>("JoinBoard", new { });
        var (otherBoard, otherHeard) = await ConnectAsync("reviewer2");
        await otherBoard.InvokeAsync<JsonElement>("JoinBoard", new { });

        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        var (tracker, trackerHeard) = await ConnectAsync(null);
        var version = await tracker.InvokeAsync<long>("WatchCase", opened["trackingCode"]!.GetValue<string>());
        Assert.Equal(1, version);

        Assert.Equal(1, (await WaitForAsync(clerkHeard, id, 1)).GetProperty("version").GetInt64());
        await _walker.ActAsync(id, "clerk", "accept");

        var onBoard = await WaitForAsync(clerkHeard, id, 2);
        Assert.Equal("formal-review", onBoard.GetProperty("stage").GetString());
        Assert.Equal(opened["number"]!.GetValue<string>(), onBoard.GetProperty("number").GetString());
        Assert.Equal("on-track", onBoard.GetProperty("slaState").GetString());
        Assert.Equal(2, (await WaitForAsync(trackerHeard, id, 2)).GetProperty("version").GetInt64());

        // The emergency-management board was connected all along and heard nothing of a market-regulation case. A case of
        // its own department, opened after it, marks the point: pushes reach a connection in the order the cases
        // published them, so once the marker is heard, anything about the earlier case would have been heard too.
        var marker = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-YJGL-001")));
        await WaitForAsync(otherHeard, marker, 1);
        Assert.DoesNotContain(otherHeard, change => change.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task NobodyJoinsAScopeOrCaseThatIsNotTheirs()
    {
        var (clerk, _) = await ConnectAsync("clerk");
        await Assert.ThrowsAsync<HubException>(() => clerk.InvokeAsync<JsonElement>("JoinBoard", new { hall = "qy" }));

        var (anonymous, _) = await ConnectAsync(null);
        await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<JsonElement>("JoinBoard", new { hall = "gz" }));
        await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<long>("WatchCase", "ZZZZZZZZZZZZZZZZ"));

        var other = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<long>("WatchCaseById", CaseWalker.Id(other)));
    }

    [Fact]
    public async Task ACoordinatorsBoardHearsOnlyTheKeyProjectsTheyMayRead()
    {
        // coordinator serves Tianhe; a Nansha project is coordinator2's (GET /api/cases/{id} refuses coordinator it).
        var (board, heard) = await ConnectAsync("coordinator");
        await board.InvokeAsync<JsonElement>("JoinBoard", new { });
        var (hallBoard, hallHeard) = await ConnectAsync("coordinator");
        await hallBoard.InvokeAsync<JsonElement>("JoinBoard", new { hall = "gz", stage = "acceptance" });
        var (adminBoard, adminHeard) = await ConnectAsync("admin");
        await adminBoard.InvokeAsync<JsonElement>("JoinBoard", new { });

        var nansha = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "nansha")));
        var tianhe = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "tianhe")));

        Assert.Equal(1, (await WaitForAsync(heard, tianhe, 1)).GetProperty("version").GetInt64());
        Assert.Equal(1, (await WaitForAsync(hallHeard, tianhe, 1)).GetProperty("version").GetInt64());
        await WaitForAsync(adminHeard, nansha, 1);

        // The Nansha project was published before the Tianhe one both coordinator boards heard, and a connection gets its
        // pushes in publication order: had the Nansha project been sent to them, it would already be here.
        Assert.DoesNotContain(heard, change => change.GetProperty("id").GetString() == nansha);
        Assert.DoesNotContain(hallHeard, change => change.GetProperty("id").GetString() == nansha);
        Assert.Single(heard, change => change.GetProperty("id").GetString() == tianhe);

        // A coordinator's board reaches the organisation's halls and nothing else.
        await Assert.ThrowsAsync<HubException>(() => board.InvokeAsync<JsonElement>("JoinBoard", new { hall = "nowhere" }));
    }

    [Fact]
    public async Task AfterADisconnectTheClientSeesTheVersionGapAndCatchesUp()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        var code = opened["trackingCode"]!.GetValue<string>();
        var (first, heard) = await ConnectAsync(null);
        await first.InvokeAsync<long>("WatchCase", code);
        await _walker.ActAsync(id, "clerk", "accept");
        var lastSeen = (await WaitForAsync(heard, id, 2)).GetProperty("version").GetInt64();

        await first.StopAsync();
        await _walker.ActAsync(id, "reviewer", "pass");
        await _walker.ActAsync(id, "reviewer", "approve", new { opinion = "同意" });

        var (second, heardAgain) = await ConnectAsync(null);
        var current = await second.InvokeAsync<long>("WatchCase", code);
        Assert.True(current > lastSeen + 1, $"expected a gap after v{lastSeen}, the case is at v{current}");
        var reread = await _walker.Anonymous.GetAsync($"/api/track/{code}");
        Assert.Equal(current, reread.Json["version"]!.GetValue<long>());
        Assert.Equal("certificate", reread.Json["stage"]!.GetValue<string>());

        await _walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        Assert.Equal(current + 1, (await WaitForAsync(heardAgain, id, current + 1)).GetProperty("version").GetInt64());
    }

    private async Task<(HubConnection Connection, ConcurrentQueue<JsonElement> Heard)> ConnectAsync(string? user) =>
        await _live.ConnectAsync(user is null ? null : (await _walker.AsAsync(user)).AccessToken);

    private static Task<JsonElement> WaitForAsync(ConcurrentQueue<JsonElement> heard, string caseId, long version) =>
        CaseChangeListeners.WaitForAsync(heard, caseId, version, Eventually.Patience);
}
