using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>The key-project definition in the real studio: its fork into the department review and the applicant's notice, and the join.</summary>
public sealed class StudioKeyProjectTests(StudioFixture fixture, ITestOutputHelper output) : StudioTest(fixture, output)
{
    private const string KeyProject = "servicehall-key-project";

    [SkippableFact]
    public async Task TheKeyProjectDefinitionShowsItsParallelBranchesOnTheCanvas()
    {
        var api = await Walker.AsAsync("designer");
        var definition = (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{KeyProject}?versionOptions=Latest")).Json;
        var activities = Activities(definition);
        Assert.True(HasConnection(definition, "fork", "Review", "review"));
        Assert.True(HasConnection(definition, "fork", "Inform", "notify-routed"));
        Assert.True(HasConnection(definition, "review", "Approved", "join"));
        Assert.True(HasConnection(definition, "notify-routed", "Done", "join"));

        var page = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(page);
        var designer = await OpenDefinitionAsync(page, KeyProject);
        await Assertions.Expect(designer.Nodes).ToHaveCountAsync(activities.Count, Rendered);
        Assert.Equal(activities.Select(Id).Order(), (await designer.NodeIdsAsync()).Order());
        await designer.ZoomToFitAsync();

        // The fork offers both branches as ports, each with its edge drawn; the join has both arriving.
        foreach (var branch in new[] { "Review", "Inform" })
        {
            await Assertions.Expect(page.Locator($"{StudioDesigner.EditorElement} g.x6-node[data-cell-id=\"fork\"] g.x6-port-body[port=\"{branch}\"]")).ToHaveCountAsync(1);
        }

        await Assertions.Expect(page.Locator($"{StudioDesigner.EditorElement} g.x6-edge")).ToHaveCountAsync(definition["root"]!["connections"]!.AsArray().Count);
        foreach (var id in new[] { "fork", "review", "notify-routed", "join" })
        {
            var activity = activities.Single(a => Id(a) == id)!;
            await Assertions.Expect(designer.Label(id)).ToHaveTextAsync(DisplayName(activity));
            await Assertions.Expect(designer.Label(id)).ToBeVisibleAsync();
        }

        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-editor-key-project");
    }
}
