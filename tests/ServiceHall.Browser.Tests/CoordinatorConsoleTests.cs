using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// A silo of the console tests' own with a second Tianhe coordinator (a district colleague, whose projects the
/// coordinator's board hears but whose cards must not join the console). "coordinator" is re-declared first so the
/// least-loaded rule still picks them on a tie, as the routing test expects.
/// </summary>
public sealed class CoordinatorBrowserFixture() : BrowserFixture("servicehall-coordinator")
{
    protected override IEnumerable<string> ExtraSettings =>
    [
        .. Staff(0, "coordinator", "张志强"),
        .. Staff(1, "coordinator3", "陈伟"),
    ];

    private static IEnumerable<string> Staff(int index, string username, string displayName) =>
    [
        $"--ServiceHall:Organisation:Staff:{index}:Username={username}",
        $"--ServiceHall:Organisation:Staff:{index}:DisplayName={displayName}",
        $"--ServiceHall:Organisation:Staff:{index}:Role=coordinator",
        $"--ServiceHall:Organisation:Staff:{index}:District=tianhe",
        $"--ServiceHall:Organisation:Staff:{index}:Password={ApiClient.DemoPassword}",
    ];
}

[CollectionDefinition(Name)]
public sealed class CoordinatorBrowserCollection : ICollectionFixture<CoordinatorBrowserFixture>
{
    public const string Name = "coordinator-browser";
}

/// <summary>
/// The key-project console: the coordinator routes a project through the plan form, then watches the department steps
/// turn green as the reviewers act through the API — live, without reloading.
/// </summary>
[Collection(CoordinatorBrowserCollection.Name)]
public sealed class CoordinatorConsoleTests(CoordinatorBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = Patience };

    [SkippableFact]
    public async Task ACoordinatorRoutesAProjectAndSeesStepsTurnGreenAsReviewersAct()
    {
        var opened = await Walker.OpenAsync(CaseWalker.KeyProject("GZ-GHZY-001", "tianhe"));
        var id = CaseWalker.Id(opened);
        Assert.Equal("coordinator", opened["coordination"]!["coordinator"]!.GetValue<string>());
        await Walker.ActAsync(id, "clerk", "accept");

        var page = await OpenAsync("/coordinator", "coordinator");
        await WaitLiveAsync(page);
        await Assertions.Expect(page.Locator("header nav a[href='/coordinator']")).ToBeVisibleAsync();
        var project = page.Locator($"[data-testid=project][data-case-id='{id}']");
        await Assertions.Expect(project).ToContainTextAsync(opened["number"]!.GetValue<string>());
        await Assertions.Expect(project.Locator("[data-testid=no-plan]")).ToBeVisibleAsync();

        // Two departments in parallel (group 1), then one in turn (group 2).
        await project.Locator("[data-testid=steer-route] summary").ClickAsync();
        var form = project.Locator("[data-testid=steer-route] form");
        await form.Locator("[data-add-plan-row]").ClickAsync();
        var rows = form.Locator("[data-plan-row]");
        await FillRowAsync(rows.Nth(0), "1", "market-regulation", "reviewer");
        await FillRowAsync(rows.Nth(1), "1", "emergency-management", "reviewer2");
        await FillRowAsync(rows.Nth(2), "2", "market-regulation", "reviewer");
        await form.Locator("button[type=submit]").ClickAsync();

        // The card is re-rendered: a fresh locator each time.
        var steps = page.Locator($"[data-testid=project][data-case-id='{id}'] [data-testid=plan-step]");
        await Assertions.Expect(steps).ToHaveCountAsync(3);
        await Assertions.Expect(steps.Nth(0)).ToHaveAttributeAsync("data-state", "open", Live);
        await Assertions.Expect(steps.Nth(1)).ToHaveAttributeAsync("data-state", "open", Live);
        await Assertions.Expect(steps.Nth(2)).ToHaveAttributeAsync("data-state", "waiting", Live);
        var plan = (await Walker.GetAsync(id))["coordination"]!["steps"]!.AsArray();
        Assert.Equal([true, true, true], plan.Select(s => s!["group"]!.GetValue<int>() == (s["part"]!.GetValue<string>().StartsWith("g0") ? 0 : 1)));
        await ScreenshotAsync(page, "coordinator-console-routed");

        // Reviewers act through the API; the console hears it and the rows turn green without a reload.
        await page.EvaluateAsync("window.__marker = 1");
        await Walker.ActAsync(id, "reviewer2", "approve", new { opinion = "同意" });
        await Assertions.Expect(steps.Nth(1)).ToHaveAttributeAsync("data-state", "approved", Live);
        await Assertions.Expect(steps.Nth(0)).ToHaveAttributeAsync("data-state", "open", Live);
        await Walker.ActAsync(id, "reviewer", "approve", new { opinion = "同意" });
        await Assertions.Expect(steps.Nth(0)).ToHaveAttributeAsync("data-state", "approved", Live);
        await Assertions.Expect(steps.Nth(2)).ToHaveAttributeAsync("data-state", "open", Live);
        var green = await steps.Nth(1).EvaluateAsync<string>("row => getComputedStyle(row.querySelector('.step-state')).backgroundColor");
        Assert.Equal("rgb(46, 125, 50)", green);
        Assert.Equal(1, await page.EvaluateAsync<int>("window.__marker"));

        // Feedback through the console's own form lands on the case.
        await project.Locator("[data-testid=steer-feedback] summary").ClickAsync();
        await page.FillAsync($"[data-testid=project][data-case-id='{id}'] [data-testid=steer-feedback] [data-field=message]", "两个部门已同意，进入规划复核");
        await page.ClickAsync($"[data-testid=project][data-case-id='{id}'] [data-testid=steer-feedback] button[type=submit]");
        await Assertions.Expect(page.Locator($"[data-testid=project][data-case-id='{id}'] [data-testid=feedback]")).ToContainTextAsync("进入规划复核");
        await ScreenshotAsync(page, "coordinator-console-progress");
    }

    [SkippableFact]
    public async Task AProjectAssignedToTheCoordinatorJoinsTheConsoleLiveAndAColleaguesDoesNot()
    {
        var page = await OpenAsync("/coordinator", "coordinator");
        await WaitLiveAsync(page);
        await page.EvaluateAsync("window.__marker = 1");

        // Nansha projects (the rule gives them to coordinator2); the admin then moves them to Tianhe: one to a district
        // colleague, whose changes the coordinator's board hears too, and one to the coordinator.
        var colleagues = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "nansha")));
        var mine = await Walker.OpenAsync(CaseWalker.KeyProject("GZ-GHZY-001", "nansha"));
        var mineId = CaseWalker.Id(mine);
        await AssignAsync(colleagues, "coordinator3");
        await AssignAsync(mineId, "coordinator");

        var card = page.Locator($"[data-testid=project][data-case-id='{mineId}']");
        await Assertions.Expect(card).ToContainTextAsync(mine["number"]!.GetValue<string>(), new() { Timeout = Patience });
        await Assertions.Expect(page.Locator($"[data-testid=project][data-case-id='{colleagues}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=no-projects]")).ToBeHiddenAsync();

        // The new card is watched: a change on it re-renders it.
        var shown = await card.GetAttributeAsync("data-version");
        await Walker.ActAsync(mineId, "clerk", "accept");
        await Assertions.Expect(card).Not.ToHaveAttributeAsync("data-version", shown!, Live);
        await ScreenshotAsync(page, "coordinator-console-assigned-live");

        // Reassigned to the colleague, the project leaves the console; the page was never reloaded.
        await AssignAsync(mineId, "coordinator3");
        await Assertions.Expect(card).ToHaveCountAsync(0, new() { Timeout = Patience });
        Assert.Equal(1, await page.EvaluateAsync<int>("window.__marker"));
    }

    private async Task AssignAsync(string caseId, string coordinator)
    {
        var reply = await (await Walker.AsAsync("admin")).PutAsync($"/api/cases/{caseId}/coordinator", new { coordinator, district = "tianhe" });
        Assert.True(reply.Status == System.Net.HttpStatusCode.OK, $"assign {coordinator}: {reply}");
    }

    /// <summary>Issue 22 item 1: the department was free text, so a typed display name made a step nobody could act on.</summary>
    [SkippableFact]
    public async Task KeyProjectRoutingPicksDepartmentsAndReviewersFromTheDirectory()
    {
        var opened = await Walker.OpenAsync(CaseWalker.KeyProject("GZ-GHZY-001", "tianhe"));
        var id = CaseWalker.Id(opened);
        await Walker.ActAsync(id, "clerk", "accept");

        var page = await OpenAsync("/coordinator", "coordinator");
        var project = page.Locator($"[data-testid=project][data-case-id='{id}']");
        await Assertions.Expect(project.Locator("dl.facts")).ToContainTextAsync("天河区");
        await project.Locator("[data-testid=steer-route] summary").ClickAsync();
        var row = project.Locator("[data-testid=steer-route] [data-plan-row]").First;

        // Pickers, not text boxes: the department list shows names and sends codes.
        var department = row.Locator("[data-plan=department]");
        Assert.Equal("select", await department.EvaluateAsync<string>("e => e.tagName.toLowerCase()"));
        var departmentTexts = await department.Locator("option").AllInnerTextsAsync();
        Assert.Contains("广州市市场监督管理局", departmentTexts);
        Assert.DoesNotContain("market-regulation", departmentTexts);

        // Once a department is picked, only its reviewers are offered, by name.
        await department.SelectOptionAsync("emergency-management");
        var offered = await row.Locator("[data-plan=reviewer] option:not([hidden])").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Contains("reviewer2", offered);
        Assert.DoesNotContain("reviewer", offered);
        await row.Locator("[data-plan=reviewer]").SelectOptionAsync("reviewer2");
        await project.Locator("[data-testid=steer-route] button[type=submit]").ClickAsync();

        var step = page.Locator($"[data-testid=project][data-case-id='{id}'] [data-testid=plan-step]");
        await Assertions.Expect(step).ToHaveCountAsync(1);
        // The reviewer by name (issue 22 item 3), never by the account's user name.
        await Assertions.Expect(step).ToContainTextAsync("王建国");
        await Assertions.Expect(step).Not.ToContainTextAsync("reviewer2");
        await Assertions.Expect(step).Not.ToContainTextAsync("emergency-management");
    }

    /// <summary>
    /// Issue 22 item 2: a refused plan showed the server's English text and its internal path
    /// (<c>groups[0].steps[1].department</c>). A department the directory no longer has (a picker loaded before the
    /// directory changed) is now refused on the row the coordinator filled in, in Chinese, with no path.
    /// </summary>
    [SkippableFact]
    public async Task ARefusedPlanShowsItsErrorOnTheRowInChineseWithoutInternalPaths()
    {
        // Nansha's coordinator: a Tianhe project here would change whom the least-loaded rule picks in the other tests.
        var opened = await Walker.OpenAsync(CaseWalker.KeyProject("GZ-GHZY-001", "nansha"));
        var id = CaseWalker.Id(opened);
        Assert.Equal("coordinator2", opened["coordination"]!["coordinator"]!.GetValue<string>());
        await Walker.ActAsync(id, "clerk", "accept");

        var page = await OpenAsync("/coordinator", "coordinator2");
        var project = page.Locator($"[data-testid=project][data-case-id='{id}']");
        await project.Locator("[data-testid=steer-route] summary").ClickAsync();
        var form = project.Locator("[data-testid=steer-route] form");
        await form.Locator("[data-add-plan-row]").ClickAsync();
        var rows = form.Locator("[data-plan-row]");
        await FillRowAsync(rows.Nth(0), "1", "market-regulation", "reviewer");
        await rows.Nth(1).Locator("[data-plan=group]").FillAsync("1");
        await rows.Nth(1).Locator("[data-plan=department]").EvaluateAsync(
            "select => { select.add(new Option('已撤销的部门', 'retired-department')); select.value = 'retired-department'; }");
        await form.Locator("button[type=submit]").ClickAsync();

        var department = rows.Nth(1).Locator("[data-plan=department]");
        await Assertions.Expect(department).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(rows.Nth(0).Locator("[data-plan=department]")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        var fieldError = form.Locator("[data-testid=field-error]");
        await Assertions.Expect(fieldError).ToHaveCountAsync(1);
        await Assertions.Expect(fieldError).ToContainTextAsync("不是名录中的部门");
        var summary = form.Locator("[data-testid=action-error]");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToContainTextAsync("第2项");
        var shown = await summary.InnerTextAsync();
        Assert.DoesNotContain("groups[", shown);
        Assert.DoesNotContain("steps[", shown);
        Assert.DoesNotContain("is not", shown);

        // Nothing was routed.
        var routed = (await Walker.GetAsync(id))["coordination"]!["steps"];
        Assert.True(routed is null || routed.AsArray().Count == 0, $"routed: {routed}");
    }

    [SkippableFact]
    public async Task AnotherRoleIsToldTheConsoleIsForCoordinators()
    {
        var page = await OpenAsync("/coordinator", "clerk");
        await Assertions.Expect(page.Locator("[data-testid=console-refused]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header nav a[href='/coordinator']")).ToHaveCountAsync(0);
    }

    private static Task WaitLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=live-status]")).ToHaveAttributeAsync("data-state", "live", Live);

    private static async Task FillRowAsync(ILocator row, string group, string department, string reviewer)
    {
        await row.Locator("[data-plan=group]").FillAsync(group);
        await row.Locator("[data-plan=department]").SelectOptionAsync(department);
        await row.Locator("[data-plan=reviewer]").SelectOptionAsync(reviewer);
    }
}
