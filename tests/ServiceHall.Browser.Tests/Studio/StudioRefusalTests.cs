using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests.Studio;

/// <summary>
/// Issue 22, Elsa Studio: a correct refusal shows the server's reason in the studio, not Blazor's generic error bar,
/// and is still a refusal; a read-only user is not offered what only writes.
/// </summary>
public sealed class StudioRefusalTests(StudioFixture fixture, ITestOutputHelper output) : StudioTest(fixture, output)
{
    [SkippableFact]
    public async Task DeletingADefinitionThatRunningCasesUseShowsTheServersReasonAndKeepsTheDefinition()
    {
        // A running case pins the standard definition, so the server refuses to delete it (409).
        CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));

        var page = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(page);
        await OpenRowMenuAsync(page, Standard);
        await MenuItem(page, "Delete").ClickAsync();
        var confirm = page.Locator(".mud-dialog .mud-dialog-actions button").Filter(new LocatorFilterOptions { HasTextRegex = new("^\\s*(Delete|Yes|OK)\\s*$") });
        var response = await page.RunAndWaitForResponseAsync(() => confirm.First.ClickAsync(),
            r => r.Request.Method is "DELETE" or "POST" && r.Url.Contains("/elsa/api/", StringComparison.Ordinal));
        Assert.Equal(409, response.Status);
        var problem = JsonNode.Parse(await response.TextAsync())!;
        var detail = problem["detail"]!.GetValue<string>();
        Assert.StartsWith($"Workflow definition '{Standard}' cannot be deleted", detail);

        var notice = page.Locator("#sh-refusal[role=alert]");
        await Assertions.Expect(notice.Locator(".sh-refusal-reason")).ToHaveTextAsync(detail);
        await Assertions.Expect(notice).ToContainTextAsync("409");
        await AssertNoStudioErrorAsync(page);
        await ScreenshotAsync(page, "studio-refusal-delete-in-use");
        await DocumentationShotAsync(page, "studio-refusal-delete-in-use", new Clip { X = 0, Y = 0, Width = 1400, Height = 330 });

        // Still a refusal: the definition is listed and served as before.
        var api = await Walker.AsAsync("designer");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{Standard}?versionOptions=Latest")).Status);
        await notice.Locator(".sh-refusal-close").ClickAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await Assertions.Expect(ListCell(page, Standard, "ID")).ToBeVisibleAsync();
        await AssertNoStudioErrorAsync(page);
    }

    [SkippableFact]
    public async Task AManagersRowMenuOffersNoDuplicateWhileADesignersDoes()
    {
        var designer = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(designer);
        await OpenRowMenuAsync(designer, Standard);
        await Assertions.Expect(MenuItem(designer, "Duplicate")).ToBeVisibleAsync();

        var manager = await OpenStudioAsync("manager");
        await WaitForDefinitionListAsync(manager);
        await OpenRowMenuAsync(manager, Standard);
        // The menu is open (its read-only entries are there) but offers nothing that would only be refused (403).
        await Assertions.Expect(MenuItem(manager, "View")).ToBeVisibleAsync();
        await Assertions.Expect(MenuItem(manager, "Export")).ToBeVisibleAsync();
        await Assertions.Expect(MenuItem(manager, "Duplicate")).ToBeHiddenAsync();
        await AssertNoStudioErrorAsync(manager);
        await ScreenshotAsync(manager, "studio-manager-row-menu");
        await DocumentationShotAsync(manager, "studio-manager-row-menu", new Clip { X = 0, Y = 0, Width = 1400, Height = 420 });
    }

    /// <summary>A small PNG of the top right of the studio (where the list's row menu and the notice are) for docs/screenshots.</summary>
    private static async Task DocumentationShotAsync(IPage page, string name, Clip size)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(folder, name + ".png"),
            Clip = new Clip { X = Wide.Width - size.Width, Y = size.Y, Width = size.Width, Height = size.Height },
        });
    }

    private static async Task OpenRowMenuAsync(IPage page, string definitionId)
    {
        await ListCell(page, definitionId, "").Locator("button").First.ClickAsync();
        await page.Locator(".mud-popover-open").First.WaitForAsync();
    }

    private static ILocator MenuItem(IPage page, string text) =>
        page.Locator(".mud-popover-open .mud-menu-item, .mud-popover-open .mud-list-item")
            .Filter(new LocatorFilterOptions { HasTextRegex = new($"^\\s*{text}\\s*$") }).First;
}
