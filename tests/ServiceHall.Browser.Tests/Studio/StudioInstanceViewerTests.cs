using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>A running case opened from the studio's case list shows, in the instance viewer, the journal the API keeps.</summary>
public sealed class StudioInstanceViewerTests(StudioFixture fixture, ITestOutputHelper output) : StudioTest(fixture, output)
{
    /// <summary>
    /// The viewer's journal is virtualised: only entries within the panel (which is sized to the window) are rendered, so
    /// the window is tall enough for every entry of a case that has just passed acceptance.
    /// </summary>
    private static readonly ViewportSize Tall = new() { Width = 2560, Height = 1800 };

    [SkippableFact]
    public async Task TheInstanceViewerListsARunningCasesJournalByActivityNameInOrder()
    {
        var caseId = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        await Walker.ActAsync(caseId, "clerk", "accept");
        var api = await Walker.AsAsync("designer");
        await WaitForInstanceAsync(api, caseId);

        var instance = (await api.GetAsync($"/elsa/api/workflow-instances/{caseId}")).Json;
        Assert.Equal(("Running", "Suspended"), (Text(instance, "status"), Text(instance, "subStatus")));
        var definition = (await api.GetAsync($"/elsa/api/workflow-definitions/by-id/{Text(instance, "definitionVersionId")}")).Json;
        var names = Activities(definition).ToDictionary(Id, a => DisplayName(a!));
        // The filter the viewer itself sends: the workflow and flowchart entries are not shown.
        var journal = (await api.PostAsync($"/elsa/api/workflow-instances/{caseId}/journal?skip=0&take=500",
            new { filter = new { excludedActivityTypes = new[] { "Elsa.Workflow", "Elsa.Flowchart" } } })).Json["items"]!.AsArray();
        var sequences = journal.Select(e => e!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var expected = journal.Select(e => (Name: names[Text(e, "activityId")], Event: Text(e, "eventName"))).ToList();
        Assert.Contains(expected, e => e == (names["accept"], "Completed"));
        Assert.Contains(expected, e => e == (names["formal"], "Suspended"));

        var page = await OpenStudioAsync("designer", Tall);
        await WaitForDefinitionListAsync(page);
        await page.ClickAsync(".sh-bar a[data-section=instances]");
        // The instance list polls every 10 s, so a case indexed a moment ago may take one round to appear.
        var row = page.Locator($"elsa-workflow-instance-list td[data-label=ID]:text-is(\"{caseId}\")");
        await row.ClickAsync(new LocatorClickOptions { Timeout = ViewChange });
        await WaitForUrlAsync(page, url => url.Fragment == "#/instances/" + caseId);

        var viewer = new StudioDesigner(page, StudioDesigner.ViewerElement);
        await Assertions.Expect(viewer.Nodes).ToHaveCountAsync(Activities(definition).Count, Rendered);
        var entries = page.Locator($"{StudioDesigner.ViewerElement} .mud-timeline-item");
        await Assertions.Expect(entries).ToHaveCountAsync(expected.Count, Rendered);
        var shown = await entries.EvaluateAllAsync<string[][]>(
            "items => items.map(i => [...i.querySelectorAll('.mud-timeline-item-content p')].map(p => p.textContent.trim()))");
        // Each entry: the activity's display name, then "<activity type> - <event>".
        Assert.Equal(expected.Select(e => e.Name), shown.Select(s => s[0]));
        Assert.Equal(expected.Select(e => e.Event), shown.Select(s => s[1][(s[1].LastIndexOf(" - ", StringComparison.Ordinal) + 3)..]));

        await viewer.ZoomToFitAsync();
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-instance-viewer");
    }

    /// <summary>The case index follows cases one-way; waits (briefly) until the instance list has this case after its step.</summary>
    private static async Task WaitForInstanceAsync(ApiClient api, string caseId)
    {
        await Eventually.UntilAsync(
            async () => (await api.PostAsync("/elsa/api/workflow-instances", new { page = 0, pageSize = 100, definitionId = Standard })).Json["items"]!.AsArray()
                .FirstOrDefault(i => Id(i) == caseId),
            row => row is not null && row["updatedAt"]!.GetValue<DateTimeOffset>() > row["createdAt"]!.GetValue<DateTimeOffset>(),
            $"case {caseId} in the instance list after its acceptance", describe: row => row?.ToJsonString() ?? "not listed");
    }
}
