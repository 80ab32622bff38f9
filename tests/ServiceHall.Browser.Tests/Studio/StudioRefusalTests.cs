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
        // The browser speaks Chinese (zh-CN), so the server's reason comes in Chinese (issue 22 item 2).
        Assert.StartsWith($"流程定义“{Standard}”仍有", detail);
        Assert.Contains("不能删除", detail);

        var notice = await AssertExplainedAsync(page, response, detail);
        await ScreenshotAsync(page, "studio-refusal-delete-in-use");
        await DocumentationShotAsync(page, "studio-refusal-delete-in-use", new Clip { X = 0, Y = 0, Width = 1400, Height = 330 });

        // Still a refusal: the definition is listed and served as before.
        var api = await Walker.AsAsync("designer");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{Standard}?versionOptions=Latest")).Status);
        await notice.Locator(".sh-refusal-close").ClickAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await Assertions.Expect(ListCell(page, Standard, "ID")).ToBeVisibleAsync();
        await AssertNoStudioErrorAsync(page);

        // Only the refusal it explains hides the studio's bar: an error of another kind, or a second error naming the
        // same status after that refusal was already explained, keeps it (Blazor logs the error, then shows the bar).
        await ShowStudioErrorAsync(page, "System.NullReferenceException: Object reference not set to an instance of an object.");
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeVisibleAsync();
        await ShowStudioErrorAsync(page, "System.Net.Http.HttpRequestException: Response status code does not indicate success: 409 (Conflict).");
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task DeletingTheVersionARunningCaseUsesShowsTheServersReasonAndKeepsTheVersion()
    {
        var caseId = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        var api = await Walker.AsAsync("designer");
        var pinned = (await api.GetAsync($"/elsa/api/workflow-instances/{caseId}")).Json;
        var version = pinned["version"]!.GetValue<int>();
        // A second version, so the studio offers deleting one (it never offers deleting the only version).
        var reverted = await api.PostAsync($"/elsa/api/workflow-definitions/{Standard}/revert/{version}", new { });
        Assert.Equal(System.Net.HttpStatusCode.OK, reverted.Status);

        var page = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(page);
        await OpenDefinitionAsync(page, Standard);
        await page.Locator($"{StudioDesigner.EditorElement} .mud-tab").Filter(new LocatorFilterOptions { HasTextRegex = new("^\\s*Version history\\s*$") }).First.ClickAsync();
        var row = page.Locator($"{StudioDesigner.EditorElement} tbody tr").Filter(new LocatorFilterOptions
        {
            Has = page.Locator("td").Filter(new LocatorFilterOptions { HasTextRegex = new($"^\\s*{version}\\s*$") }),
        }).First;
        await row.Locator("button").Last.ClickAsync(new LocatorClickOptions { Timeout = ViewChange });
        await MenuItem(page, "Delete").ClickAsync();
        var response = await page.RunAndWaitForResponseAsync(() => ConfirmButton(page, "OK|Yes|Delete").ClickAsync(),
            r => r.Request.Method == "DELETE" && r.Url.Contains("/elsa/api/workflow-definition", StringComparison.Ordinal));
        Assert.Equal(409, response.Status);
        var detail = JsonNode.Parse(await response.TextAsync())!["detail"]!.GetValue<string>();
        Assert.StartsWith($"“{Standard}”第{version}版仍有", detail);
        await AssertExplainedAsync(page, response, detail);
        await ScreenshotAsync(page, "studio-refusal-delete-version");

        var versions = (await api.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{Standard}?versionOptions={version}")).Status;
        Assert.Equal(System.Net.HttpStatusCode.OK, versions);
    }

    [SkippableFact]
    public async Task BulkDeleteAndCancelOfCasesInTheInstanceListShowTheServersReasonAndTheCaseRunsOn()
    {
        var caseId = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        var page = await OpenStudioAsync("designer");
        await WaitForDefinitionListAsync(page);
        await page.ClickAsync(".sh-bar a[data-section=instances]");
        // The instance list polls every 10 s, so a case opened a moment ago may take one round to appear.
        var row = page.Locator("elsa-workflow-instance-list tbody tr").Filter(new LocatorFilterOptions
        {
            Has = page.Locator($"td[data-label=ID]:text-is(\"{caseId}\")"),
        });
        await row.Locator("input[type=checkbox]").First.CheckAsync(new LocatorCheckOptions { Timeout = ViewChange, Force = true });

        foreach (var (entry, confirm, path) in new[] { ("Delete", "Delete", "/bulk-actions/delete/workflow-instances"), ("Cancel", "Yes", "/bulk-actions/cancel/workflow-instances") })
        {
            await page.Locator("elsa-workflow-instance-list button").Filter(new LocatorFilterOptions { HasTextRegex = new("^\\s*Bulk actions\\s*$") }).First.ClickAsync();
            await MenuItem(page, entry).ClickAsync();
            var response = await page.RunAndWaitForResponseAsync(() => ConfirmButton(page, confirm).ClickAsync(),
                r => r.Request.Method == "POST" && r.Url.Contains("/elsa/api" + path, StringComparison.Ordinal));
            Assert.Equal(409, response.Status);
            var detail = JsonNode.Parse(await response.TextAsync())!["detail"]!.GetValue<string>();
            Assert.StartsWith("流程实例即案件，不能在此删除或取消", detail);
            var notice = await AssertExplainedAsync(page, response, detail);
            await ScreenshotAsync(page, "studio-refusal-bulk-" + entry.ToLowerInvariant());
            await notice.Locator(".sh-refusal-close").ClickAsync();
            await Assertions.Expect(notice).ToHaveCountAsync(0);
        }

        // Still refusals: the case is open and running.
        Assert.Equal("open", (await Walker.GetAsync(caseId))["status"]!.GetValue<string>());
    }

    /// <summary>
    /// The notice explains this response (its status and path) with the server's detail, and the studio's generic bar
    /// for the error the refusal caused is not shown.
    /// </summary>
    private static async Task<ILocator> AssertExplainedAsync(IPage page, IResponse response, string detail)
    {
        var notice = page.Locator("#sh-refusal[role=alert]");
        await Assertions.Expect(notice.Locator(".sh-refusal-reason")).ToHaveTextAsync(detail);
        await Assertions.Expect(notice).ToContainTextAsync(response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var path = new Uri(response.Url).AbsolutePath;
        await Assertions.Expect(notice).ToHaveAttributeAsync("data-path", path);
        // The studio did raise its error for this refusal, and the page matched that error to this request.
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToHaveAttributeAsync("data-explained-by", $"{response.Request.Method} {path} {response.Status}");
        await AssertNoStudioErrorAsync(page);
        return notice;
    }

    /// <summary>What Blazor does on an unhandled exception: log it to the console, then show #blazor-error-ui (hidden first, so each call is a new showing).</summary>
    private static Task ShowStudioErrorAsync(IPage page, string message) =>
        page.EvaluateAsync("""
            message => {
                const bar = document.getElementById('blazor-error-ui');
                bar.style.display = 'none';
                console.error(message);
                bar.style.display = 'block';
            }
            """, message);

    private static ILocator ConfirmButton(IPage page, string texts) =>
        page.Locator(".mud-dialog .mud-dialog-actions button").Filter(new LocatorFilterOptions { HasTextRegex = new($"^\\s*({texts})\\s*$") }).First;

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

    /// <summary>
    /// A small PNG of the top right of the studio (where the list's row menu and the notice are) for docs/screenshots,
    /// only when docs/screenshots/take.sh asks: an ordinary test run must leave the clone's tracked files alone.
    /// </summary>
    private static async Task DocumentationShotAsync(IPage page, string name, Clip size)
    {
        if (Environment.GetEnvironmentVariable(DocumentationScreenshots.Switch) != "1")
        {
            return;
        }

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
