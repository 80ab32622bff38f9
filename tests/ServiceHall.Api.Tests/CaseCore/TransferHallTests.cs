using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace ServiceHall.Api.Tests.CaseCore;

/// <summary>
/// <c>transfer-hall</c>, the case-level action added as one class: a manager moves a case's acceptance to another
/// hall, an applicant moves where they collect the certificate; boards follow live and the steps follow the hall.
/// </summary>
[Collection(CoordinationApiCollection.Name)]
public sealed class TransferHallTests(CoordinationSiloFixture silo) : IAsyncDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private readonly CaseChangeListeners _live = new(silo.BaseUrl);

    public async ValueTask DisposeAsync()
    {
        await _live.DisposeAsync();
        _walker.Dispose();
    }

    [Fact]
    public async Task AManagerMovesAcceptanceToAnotherHallAndBothBoardsFollowLive()
    {
        var (oldBoard, oldHeard) = await BoardAsync("clerk");
        var (newBoard, newHeard) = await BoardAsync("qy-clerk");
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        var number = opened["number"]!.GetValue<string>();
        await WaitForAsync(oldHeard, id, 1);
        Assert.Single(await BoardItemsAsync("clerk", number));

        var moved = await _walker.ActAsync(id, "manager", "transfer-hall", new { part = "acceptance", hall = "qy", reason = "申请人在清远办理" });

        Assert.Equal("qy", moved["hall"]!.GetValue<string>());
        var version = CaseWalker.Version(moved);
        var entry = moved["journal"]!.AsArray().Last()!;
        Assert.Equal("transfer-hall", entry["action"]!.GetValue<string>());
        await WaitForAsync(oldHeard, id, version);
        await WaitForAsync(newHeard, id, version);
        await Eventually.UntilAsync(async () => (await BoardItemsAsync("clerk", number)).Count == 0, "the old hall's board drops the case");
        await Eventually.UntilAsync(async () => (await BoardItemsAsync("qy-clerk", number)).Count == 1, "the new hall's board lists the case");

        // The open acceptance step moved with the case: the new hall's clerk accepts, the old hall's may not.
        var oldClerk = await (await _walker.AsAsync("clerk")).PostAsync($"/api/cases/{id}/actions/accept", new { });
        Assert.Equal(HttpStatusCode.Forbidden, oldClerk.Status);
        var accepted = await _walker.ActAsync(id, "qy-clerk", "accept");
        Assert.Equal("formal-review", CaseWalker.Stage(accepted));

        Assert.Contains(await _walker.MessagesOfAsync(id), m => m["template"]!.GetValue<string>() == "hall-transferred");
        await oldBoard.DisposeAsync();
        await newBoard.DisposeAsync();
    }

    [Fact]
    public async Task AnApplicantMovesPickupAndBadRequestsAreRefusedNamingTheField()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        var code = opened["trackingCode"]!.GetValue<string>();
        var applicant = _walker.Anonymous;

        var noPart = await applicant.PostAsync($"/api/track/{code}/actions/transfer-hall", new { hall = "qy", reason = "搬家" });
        Assert.Equal(HttpStatusCode.BadRequest, noPart.Status);
        Assert.Equal("part", noPart.Json["field"]!.GetValue<string>());
        var unknownHall = await applicant.PostAsync($"/api/track/{code}/actions/transfer-hall", new { part = "pickup", hall = "nowhere", reason = "搬家" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownHall.Status);
        Assert.Equal("hall", unknownHall.Json["field"]!.GetValue<string>());
        Assert.Equal("hall.unknown", unknownHall.Json["code"]!.GetValue<string>());
        Assert.Equal("没有编号为“nowhere”的大厅，请从列表中选择。", unknownHall.Json["detail"]!.GetValue<string>());

        // Every mistake of the request at once, each on its field, in the reader's language (issue 22 item 2).
        using var english = new ApiClient(silo.BaseUrl).Speaking("en");
        var threeWrong = await english.PostAsync($"/api/track/{code}/actions/transfer-hall", new { part = "desk", hall = "nowhere", reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, threeWrong.Status);
        Assert.Equal(["hall", "part", "reason"], threeWrong.Json["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("There is no hall 'nowhere'; choose one from the list.", threeWrong.Json["errors"]!["hall"]![0]!.GetValue<string>());
        Assert.Equal(["field.oneOf", "hall.unknown", "field.required"], threeWrong.Json["issues"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()));
        var clerk = await (await _walker.AsAsync("clerk")).PostAsync($"/api/cases/{id}/actions/transfer-hall", new { part = "pickup", hall = "qy", reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, clerk.Status);
        Assert.Equal(1, CaseWalker.Version(await _walker.GetAsync(id)));

        var moved = await applicant.PostAsync($"/api/track/{code}/actions/transfer-hall", new { part = "pickup", hall = "qy", reason = "搬家到清远" }, idempotencyKey: "move-1");
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        var again = await applicant.PostAsync($"/api/track/{code}/actions/transfer-hall", new { part = "pickup", hall = "qy", reason = "搬家到清远" }, idempotencyKey: "move-1");
        Assert.Equal(HttpStatusCode.OK, again.Status);

        var view = await _walker.GetAsync(id);
        Assert.Equal(2, CaseWalker.Version(view));
        Assert.Equal("qy", view["delivery"]!["hall"]!.GetValue<string>());
        Assert.Equal("gz", view["hall"]!.GetValue<string>());
    }

    private async Task<(HubConnection Connection, ConcurrentQueue<JsonElement> Heard)> BoardAsync(string user)
    {
        var (connection, heard) = await _live.ConnectAsync((await _walker.AsAsync(user)).AccessToken);
        await connection.InvokeAsync<JsonElement>("JoinBoard", new { });
        return (connection, heard);
    }

    private async Task<List<string>> BoardItemsAsync(string user, string number) =>
        [.. (await (await _walker.AsAsync(user)).GetAsync($"/api/cases?q={number}")).Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    private static Task<JsonElement> WaitForAsync(ConcurrentQueue<JsonElement> heard, string caseId, long version) =>
        CaseChangeListeners.WaitForAsync(heard, caseId, version, Eventually.Patience);
}
