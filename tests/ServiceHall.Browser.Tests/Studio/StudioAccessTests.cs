using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>Who gets what at /studio/: a manager reads without any way to change a definition; a clerk is told no.</summary>
public sealed class StudioAccessTests(StudioFixture fixture, ITestOutputHelper output) : StudioTest(fixture, output)
{
    [SkippableFact]
    public async Task AManagerSeesTheStandardDefinitionReadOnlyWithNothingToSaveOrPublish()
    {
        var page = await OpenStudioAsync("manager");
        var saves = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method != "GET" && request.Url.Contains("/elsa/api/workflow-definitions", StringComparison.Ordinal))
            {
                saves.Add($"{request.Method} {request.Url}");
            }
        };
        await WaitForDefinitionListAsync(page);
        await Assertions.Expect(page.Locator("elsa-workflow-definition-list button").Filter(new LocatorFilterOptions { HasTextString = "Create workflow" }))
            .ToBeDisabledAsync();

        var designer = await OpenDefinitionAsync(page, Standard);
        await Assertions.Expect(page.Locator($"{StudioDesigner.EditorElement} .mud-alert-message").Filter(new LocatorFilterOptions
        {
            HasTextString = "Unable to make changes as the workflow or application is currently in read-only mode",
        })).ToBeVisibleAsync();
        var tooltips = await designer.ToolbarTooltipsAsync();
        Assert.Contains("Zoom to fit the screen", tooltips);
        Assert.DoesNotContain("Publish workflow", tooltips);
        Assert.DoesNotContain("Save", tooltips);
        await Assertions.Expect(page.Locator($"{StudioDesigner.EditorElement} .mud-switch").Filter(new LocatorFilterOptions { HasTextString = "Auto-save" }))
            .ToHaveCountAsync(0);

        // Dragging a node leaves it where it is in the graph and saves nothing: the canvas is read-only.
        await designer.ZoomToFitAsync();
        var accept = page.Locator($"{StudioDesigner.EditorElement} g.x6-node[data-cell-id=accept]");
        var position = await accept.GetAttributeAsync("transform");
        var label = (await designer.Label("accept").BoundingBoxAsync())!;
        await designer.DragAsync(Point.Center(label), Point.Center(label) with { Y = label.Y + 120 });
        await designer.ClickBlankAsync();
        Assert.Equal(position, await accept.GetAttributeAsync("transform"));
        Assert.Empty(saves);

        await designer.ZoomToFitAsync();
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-manager-readonly");
    }

    [SkippableFact]
    public async Task AClerkIsToldPlainlyThatTheStudioIsNotForThemInsteadOfABrokenStudio()
    {
        var page = await OpenStudioAsync("clerk");

        var notice = page.Locator("#sh-refused[role=alert]");
        await Assertions.Expect(notice).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        await Assertions.Expect(notice.Locator("h1")).ToHaveTextAsync("无权使用流程设计 No access to the workflow studio");
        await Assertions.Expect(notice).ToContainTextAsync("(clerk)");
        await Assertions.Expect(notice.Locator("a[href='/board']")).ToBeVisibleAsync();
        await Assertions.Expect(notice.Locator("a[href='/login?returnUrl=/studio/']")).ToBeVisibleAsync();
        // No studio element was started, so nothing behind the notice loads forever or fails.
        await Assertions.Expect(page.Locator("#sh-view > :not(#sh-refused)")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("elsa-backend-provider")).ToHaveCountAsync(0);
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-clerk-refused");
    }
}
