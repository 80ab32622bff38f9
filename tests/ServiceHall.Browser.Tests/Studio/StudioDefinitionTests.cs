using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>A designer in the real studio: the definitions list, the standard flow on the canvas, and an edit published from it.</summary>
public sealed class StudioDefinitionTests(StudioFixture fixture, ITestOutputHelper output) : StudioTest(fixture, output)
{
    private static readonly string[] Shipped = [Standard, "servicehall-instant", "servicehall-key-project", "servicehall-cross-city"];

    [SkippableFact]
    public async Task ADesignerSeesTheShippedDefinitionsListedAsTheApiReportsThem()
    {
        var api = await Walker.AsAsync("designer");
        var latest = (await api.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=50")).Json["items"]!.AsArray();
        var published = (await api.GetAsync("/elsa/api/workflow-definitions?versionOptions=Published&Page=0&PageSize=50")).Json["items"]!.AsArray();
        Assert.Subset(latest.Select(d => Text(d, "definitionId")).ToHashSet(), Shipped.ToHashSet());

        var page = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(page);

        var ids = await page.Locator("elsa-workflow-definition-list td[data-label=ID]").AllInnerTextsAsync();
        Assert.Equal(latest.Select(d => Text(d, "definitionId")).Order(), ids.Select(i => i.Trim()).Order());
        foreach (var definition in latest)
        {
            var id = Text(definition, "definitionId");
            await Assertions.Expect(ListCell(page, id, "Name")).ToHaveTextAsync(Text(definition, "name"));
            await Assertions.Expect(ListCell(page, id, "Latest version")).ToHaveTextAsync(definition!["version"]!.ToString());
            var publishedVersion = published.Single(p => Text(p, "definitionId") == id)!["version"]!.ToString();
            await Assertions.Expect(ListCell(page, id, "Published version")).ToHaveTextAsync(publishedVersion);
        }

        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-list");
    }

    [SkippableFact]
    public async Task TheStandardDefinitionOpensWithEveryActivityOnTheCanvasUnderItsDisplayName()
    {
        var api = await Walker.AsAsync("designer");
        var definition = (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{Standard}?versionOptions=Latest")).Json;
        var activities = Activities(definition);

        var page = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(page);
        var designer = await OpenDefinitionAsync(page, Standard);

        await Assertions.Expect(designer.Nodes).ToHaveCountAsync(activities.Count, Rendered);
        Assert.Equal(activities.Select(Id).Order(), (await designer.NodeIdsAsync()).Order());
        await designer.ZoomToFitAsync();

        var canvas = (await designer.Graph.BoundingBoxAsync())!;
        var hidden = new List<string>();
        foreach (var activity in activities)
        {
            var label = designer.Label(Id(activity));
            await Assertions.Expect(label).ToHaveTextAsync(DisplayName(activity!));
            await Assertions.Expect(label).ToBeVisibleAsync();
            var box = (await label.BoundingBoxAsync())!;
            if (box.X < canvas.X || box.Y < canvas.Y || box.X + box.Width > canvas.X + canvas.Width || box.Y + box.Height > canvas.Y + canvas.Height)
            {
                hidden.Add($"{DisplayName(activity!)}: outside the canvas");
            }
            else if (await CoveredByAnotherNodeAsync(label))
            {
                hidden.Add($"{DisplayName(activity!)}: partly covered by another node");
            }
        }

        Assert.True(hidden.Count == 0, "Labels a designer cannot read: " + string.Join("; ", hidden));
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-editor-standard");
    }

    [SkippableFact]
    public async Task ANotifyStepDraggedIntoTheFlowAndPublishedRunsInNewCasesWhileOpenCasesKeepTheirVersion()
    {
        var api = await Walker.AsAsync("designer");
        var before = (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{Standard}?versionOptions=Published")).Json;
        var oldVersion = before["version"]!.GetValue<int>();
        var start = Id(Activities(before).Single(a => Text(a, "type") == "Elsa.Start"));
        var afterStart = Text(before["root"]!["connections"]!.AsArray().Single(c => Text(c!["source"], "activity") == start)!["target"], "activity");
        var openedBefore = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        Assert.Equal((Standard, oldVersion), Workflow(await Walker.GetAsync(openedBefore)));

        var notify = (await api.GetAsync("/elsa/api/descriptors/activities")).Json["items"]!.AsArray().Single(d => Text(d, "typeName") == "ServiceHall.Notify")!;
        Assert.Equal("Service Hall", Text(notify, "category"));

        var page = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(page);
        var designer = await OpenDefinitionAsync(page, Standard);
        await Assertions.Expect(designer.Nodes).ToHaveCountAsync(Activities(before).Count, Rendered);
        await designer.ZoomToFitAsync();

        // Drop the toolbox entry where the flow leaves room: the cell right of the last step of the main line (pickup), in
        // the column of the steps beside it (the denial notice), which the shipped layout leaves empty.
        JsonNode Position(string activity) => Activities(before).Single(a => Id(a) == activity)!["metadata"]!["designer"]!["position"]!;
        var drop = await designer.ToClientAsync(Position("notify-denied")["x"]!.GetValue<double>() + 40, Position("pickup")["y"]!.GetValue<double>() + 30);
        var notifyCount = Activities(before).Count(a => Text(a, "type") == "ServiceHall.Notify");
        var notifyId = "";
        await SaveAsync(page, async () => notifyId = await designer.DropFromToolboxAsync(Text(notify, "category"), Text(notify, "displayName"), drop),
            publish: false, model => Activities(model).Count(a => Text(a, "type") == "ServiceHall.Notify") == notifyCount + 1, "the dropped Notify");

        // Insert it into the first connection: remove Start → SLA timer, then connect Start → Notify → SLA timer.
        var edge = await designer.EdgeAsync(await designer.PortAsync(start, "Done", "out"), await designer.PortAsync(afterStart, "In", "in"))
            ?? throw new InvalidOperationException($"No edge drawn from {start}.Done to {afterStart}.In.");
        await SaveAsync(page, () => designer.RemoveEdgeAsync(edge), publish: false,
            model => !HasConnection(model, start, "Done", afterStart), $"no connection {start} → {afterStart}");
        await SaveAsync(page, () => designer.ConnectAsync(start, "Done", notifyId), publish: false,
            model => HasConnection(model, start, "Done", notifyId), $"{start}.Done → {notifyId}");
        await SaveAsync(page, () => designer.ConnectAsync(notifyId, "Done", afterStart), publish: false,
            model => HasConnection(model, notifyId, "Done", afterStart), $"{notifyId}.Done → {afterStart}");

        var publishButton = await designer.ToolbarButtonAsync("Publish workflow");
        var saved = await SaveAsync(page, () => publishButton.ClickAsync(), publish: true,
            model => Activities(model).Any(a => Id(a) == notifyId), "the edited flow");
        Assert.Equal((oldVersion + 1, true), (saved["version"]!.GetValue<int>(), saved["isPublished"]!.GetValue<bool>()));
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasTextString = "Workflow published" })).ToBeVisibleAsync();
        await AssertNoStudioErrorAsync(page);

        // The API reports the new published version with the Notify step inside the flow.
        var after = (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{Standard}?versionOptions=Published")).Json;
        Assert.Equal((oldVersion + 1, true, true), (after["version"]!.GetValue<int>(), after["isLatest"]!.GetValue<bool>(), after["isPublished"]!.GetValue<bool>()));
        var inserted = Activities(after).Single(a => Id(a) == notifyId)!;
        Assert.Equal("ServiceHall.Notify", Text(inserted, "type"));
        Assert.True(HasConnection(after, start, "Done", notifyId), "Start → Notify is missing");
        Assert.True(HasConnection(after, notifyId, "Done", afterStart), "Notify → SLA timer is missing");
        Assert.False(HasConnection(after, start, "Done", afterStart), "Start → SLA timer is still there");

        // A case opened now runs the new version, Notify first; the case opened before stays on the old one.
        var openedAfter = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        var afterView = await Walker.GetAsync(openedAfter);
        Assert.Equal((Standard, oldVersion + 1), Workflow(afterView));
        Assert.Equal(Id(after), Text(afterView["workflow"], "versionId"));
        Assert.Contains(("Completed", Text(inserted, "name"), "Done"), Steps(afterView));
        var started = (await JournalAsync(api, openedAfter)).Where(e => Text(e, "eventName") == "Started").Select(e => Text(e, "activityId")).ToList();
        Assert.Equal([start, notifyId, afterStart], started.Take(3));

        var beforeView = await Walker.GetAsync(openedBefore);
        Assert.Equal((Standard, oldVersion), Workflow(beforeView));
        Assert.DoesNotContain(await JournalAsync(api, openedBefore), e => e!["activityId"]?.GetValue<string>() == notifyId);

        // Back in the list, the standard definition's latest and published versions are the new one; reopened, it shows the step.
        await page.ClickAsync(".sh-bar a[data-section=definitions]");
        await WaitForDefinitionListAsync(page);
        await Assertions.Expect(ListCell(page, Standard, "Latest version")).ToHaveTextAsync((oldVersion + 1).ToString());
        await Assertions.Expect(ListCell(page, Standard, "Published version")).ToHaveTextAsync((oldVersion + 1).ToString());
        designer = await OpenDefinitionAsync(page, Standard);
        await Assertions.Expect(designer.Nodes).ToHaveCountAsync(Activities(after).Count, Rendered);
        await designer.ZoomToFitAsync();
        await Assertions.Expect(designer.Label(notifyId)).ToHaveTextAsync(DisplayName(inserted));
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-after-publish");
    }

    private static (string, int) Workflow(JsonNode caseView) =>
        (Text(caseView["workflow"], "definitionId"), caseView["workflow"]!["version"]!.GetValue<int>());

    /// <summary>The journal's steps as (event, activity, outcomes joined by commas).</summary>
    private static IEnumerable<(string, string, string)> Steps(JsonNode caseView) =>
        caseView["journal"]!.AsArray().SelectMany(e => e!["steps"]?.AsArray() ?? []).Select(s => (
            s!["event"]!.GetValue<string>(), s["activity"]?.GetValue<string>() ?? "", string.Join(",", s["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()))));

    /// <summary>The case's journal as the instance viewer asks for it: activities only, without the workflow's own entries.</summary>
    private static async Task<JsonArray> JournalAsync(ApiClient api, string caseId) =>
        (await api.PostAsync($"/elsa/api/workflow-instances/{caseId}/journal?skip=0&take=500",
            new { filter = new { excludedActivityTypes = new[] { "Elsa.Workflow", "Elsa.Flowchart" } } })).Json["items"]!.AsArray();

    /// <summary>Whether another node lies over any corner of the label (the designer sizes nodes to their text, so a
    /// layout with nodes too close together hides part of a label).</summary>
    private static Task<bool> CoveredByAnotherNodeAsync(ILocator label) =>
        label.EvaluateAsync<bool>(
            """
            label => {
                const own = label.closest('g.x6-node');
                const r = label.getBoundingClientRect();
                const points = [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]];
                return points.some(([x, y]) => { const hit = document.elementFromPoint(x, y); const node = hit && hit.closest('g.x6-node'); return node !== null && node !== own; });
            }
            """);
}
