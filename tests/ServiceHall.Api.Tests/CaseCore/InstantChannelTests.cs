using System.Net;

namespace ServiceHall.Api.Tests.CaseCore;

/// <summary>
/// Issue 21, workflow by item and channel: the instant (即办) workflow runs only on the instant channel; the same item
/// at a general window runs the standard one; an instant case found not eligible at the counter is moved to the standard
/// workflow by the clerk (<c>move-to-standard</c>), journaled, and then runs it to the end.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class InstantChannelTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task AnInstantItemTakenAtAGeneralWindowRunsTheStandardWorkflow()
    {
        var atWindow = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-001", channel: "window"));
        var atInstant = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-001", channel: "instant", window: "instant", delivery: new { method = "electronic" }), "clerk-instant");

        Assert.Equal("servicehall-standard", atWindow["workflow"]!["definitionId"]!.GetValue<string>());
        Assert.Equal("servicehall-instant", atInstant["workflow"]!["definitionId"]!.GetValue<string>());
        Assert.DoesNotContain(Actions(atWindow), a => a == "move-to-standard");
        Assert.Contains(Actions(atInstant), a => a == "move-to-standard");

        // Not offered on a window case: 409 listing what is.
        var refused = await (await _walker.AsAsync("clerk")).PostAsync($"/api/cases/{CaseWalker.Id(atWindow)}/actions/move-to-standard", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
    }

    [Fact]
    public async Task AnInstantCaseFoundNotEligibleMovesToTheStandardWorkflowAndRunsItToTheEnd()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-001", channel: "instant", window: "instant", delivery: new { method = "window" }), "clerk-instant");
        var id = CaseWalker.Id(opened);
        var clerk = await _walker.AsAsync("clerk-instant");

        // No reason: 400 naming it, and the case is as it was.
        var noReason = await clerk.PostAsync($"/api/cases/{id}/actions/move-to-standard", new { });
        Assert.Equal((HttpStatusCode.BadRequest, "reason"), (noReason.Status, noReason.Field));
        var unchanged = (await clerk.GetAsync($"/api/cases/{id}")).Json;
        Assert.Equal((CaseWalker.Version(opened), "servicehall-instant"), (CaseWalker.Version(unchanged), unchanged["workflow"]!["definitionId"]!.GetValue<string>()));

        // A reviewer may not; the instant window's clerk may.
        var reviewer = await (await _walker.AsAsync("reviewer")).PostAsync($"/api/cases/{id}/actions/move-to-standard", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.Status);
        var moved = await _walker.ActAsync(id, "clerk-instant", "move-to-standard", new { reason = "经营范围含前置许可，需部门审查" });

        Assert.Equal("servicehall-standard", moved["workflow"]!["definitionId"]!.GetValue<string>());
        Assert.Equal(("window", "acceptance", "open"), (moved["channel"]!.GetValue<string>(), CaseWalker.Stage(moved), CaseWalker.Status(moved)));
        var entry = moved["journal"]!.AsArray().Last()!;
        Assert.Equal(("move-to-standard", "moved-to-standard"), (entry["action"]!.GetValue<string>(), entry["kind"]!.GetValue<string>()));
        Assert.Equal(("servicehall-instant", "servicehall-standard", "经营范围含前置许可，需部门审查"),
            (entry["args"]!["from"]!.GetValue<string>(), entry["args"]!["to"]!.GetValue<string>(), entry["args"]!["reason"]!.GetValue<string>()));
        Assert.DoesNotContain(Actions(moved), a => a == "move-to-standard");

        // The hour's clock is gone: the statutory working days start at acceptance, and the department reviews.
        var accepted = await _walker.ActAsync(id, "clerk-instant", "accept");
        Assert.True(accepted["sla"]!["dueAt"]!.GetValue<DateTimeOffset>() - accepted["openedAt"]!.GetValue<DateTimeOffset>() > TimeSpan.FromDays(1));
        await _walker.ActAsync(id, "reviewer", "pass");
        await _walker.ActAsync(id, "reviewer", "approve", new { opinion = "同意" });
        await _walker.ActAsync(id, "clerk-instant", "issue-certificate", new { form = "paper" });
        var done = await _walker.ActAsync(id, "clerk-instant", "picked-up", new { collector = "agent", by = "李四", idNumber = "11010519491231002X" });
        Assert.Equal("completed", CaseWalker.Status(done));
        CaseWalker.AssertJournalGapFree(done);
    }

    private static IEnumerable<string> Actions(System.Text.Json.Nodes.JsonNode view) =>
        view["availableActions"]!.AsArray().Select(a => a!["name"]!.GetValue<string>());
}
