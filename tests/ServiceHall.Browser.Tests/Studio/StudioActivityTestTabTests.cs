using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>Issue 22: the activity "Test" tab runs the activity's inputs in the sandbox and stops its progress bar.</summary>
public sealed class StudioActivityTestTabTests(StudioFixture fixture, ITestOutputHelper output) : StudioTest(fixture, output)
{
    [SkippableFact]
    public async Task TheTestTabOfAStepShowsItsCompletedTrialInsteadOfSpinningForever()
    {
        var page = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(page);
        var designer = await OpenDefinitionAsync(page, Standard);
        await designer.ZoomToFitAsync();
        await designer.Label("accept").ClickAsync();

        var tab = page.Locator($"{StudioDesigner.EditorElement} .mud-tab").Filter(new LocatorFilterOptions { HasTextRegex = new("^\\s*Test\\s*$") });
        await tab.First.ClickAsync();
        var start = page.Locator($"{StudioDesigner.EditorElement} button").Filter(new LocatorFilterOptions { HasTextRegex = new("^\\s*Start\\s*$") });
        var response = await page.RunAndWaitForResponseAsync(() => start.First.ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/elsa/api/tests/activities", StringComparison.Ordinal));
        Assert.True(response.Status == 200, $"{response.Status} {await response.TextAsync()}");

        // The result replaces the prompt; the progress bar is back to transparent (the studio's "not running").
        await Assertions.Expect(page.Locator($"{StudioDesigner.EditorElement} td, {StudioDesigner.EditorElement} .mud-typography")
            .Filter(new LocatorFilterOptions { HasTextRegex = new("^\\s*Completed\\s*$") }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"{StudioDesigner.EditorElement} .mud-alert").Filter(new LocatorFilterOptions { HasTextString = "Select the Start button" }))
            .ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"{StudioDesigner.EditorElement} .mud-progress-linear.mud-progress-linear-color-success")).ToHaveCountAsync(0);
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-activity-test-tab");
    }
}
