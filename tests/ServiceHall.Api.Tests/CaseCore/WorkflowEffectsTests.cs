using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests.CaseCore;

/// <summary>
/// What a designer draws is what runs: the statutory-clock breach branch of a definition edited through the Elsa API
/// (as Elsa Studio saves it) sends the message the designer wrote, once, instead of a built-in one.
/// </summary>
[Collection(CoordinationApiCollection.Name)]
public sealed class WorkflowEffectsTests(CoordinationSiloFixture silo) : IDisposable
{
    private const string Definition = "servicehall-standard";
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task ABreachBranchEditedInTheStudioSendsItsNewMessageWhenACaseBreachesOnTheTestClock()
    {
        var designer = await _walker.AsAsync("designer");
        var published = (await designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{Definition}?versionOptions=Published")).Json;
        var message = $"请分管副主任当日督办（{Guid.NewGuid():N}）";
        try
        {
            var edited = published.DeepClone();
            var notify = edited["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "sla-breached")!;
            notify["message"] = new JsonObject
            {
                ["typeName"] = "String",
                ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = message },
            };
            var save = await designer.PostAsync("/elsa/api/workflow-definitions", new { model = edited, publish = true });
            Assert.True(save.Status == HttpStatusCode.OK, save.ToString());

            var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
            await _walker.ActAsync(id, "clerk", "accept");

            // Far past the time limit in working days, and whole weeks so the other tests on this clock keep their
            // weekday and hour; the next command brings the case's clock up to date.
            await AdvanceClockAsync(TimeSpan.FromDays(63));
            using var later = new CaseWalker(silo.BaseUrl);
            var passed = await later.ActAsync(id, "reviewer", "pass");
            Assert.True(passed["sla"]!["breached"]!.GetValue<bool>());

            var outbox = await later.MessagesOfAsync(id);
            var breach = Assert.Single(outbox, m => m["template"]!.GetValue<string>() == "sla-breached");
            Assert.Contains(message, breach["text"]!.GetValue<string>());
            Assert.Contains(passed["journal"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "sla-alert");
        }
        finally
        {
            // Put the shipped definition back for the other tests sharing this silo (signed in again: the clock moved).
            using var restorer = new CaseWalker(silo.BaseUrl);
            var restore = await (await restorer.AsAsync("designer")).PostAsync("/elsa/api/workflow-definitions", new { model = published.DeepClone(), publish = true });
            Assert.Equal(HttpStatusCode.OK, restore.Status);
        }
    }

    private async Task AdvanceClockAsync(TimeSpan by)
    {
        var reply = await (await _walker.AsAsync("admin")).PostAsync("/api/test-clock/advance", new { seconds = by.TotalSeconds });
        Assert.True(reply.Status == HttpStatusCode.OK, $"advance: {reply}");
    }
}
