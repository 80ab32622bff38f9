using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>The staff case page: actions done through its forms, the server's refusals shown, live re-rendering.</summary>
public sealed class CasePageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = Patience };

    [SkippableFact]
    public async Task AClerkAcceptsThroughTheFormAndARefusedActionShowsTheServersProblem()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        var page = await OpenAsync($"/cases/{id}", "clerk");
        await WaitLiveAsync(page);
        Assert.Equal(opened["number"]!.GetValue<string>(), await page.InnerTextAsync("[data-testid=case-number]"));
        Assert.Contains("内资公司变更登记", await page.InnerTextAsync("h1"));
        Assert.Contains("受理", await page.InnerTextAsync("[data-testid=case-stage]"));
        Assert.Contains("张三丰", await page.InnerTextAsync("[data-testid=applicant]"));
        Assert.Contains("公司变更登记申请书", await page.InnerTextAsync("[data-testid=materials]"));

        // Reject without a reason: the server refuses (400) and the form shows its detail on the reason field.
        await page.ClickAsync("[data-testid=action-reject] summary");
        await ClickTwiceToConfirmAsync(page, "[data-testid=action-reject] button[type=submit]");
        var rejectError = page.Locator("[data-testid=action-reject] [data-testid=action-error]");
        await Assertions.Expect(rejectError).ToBeVisibleAsync();
        // In the page's words: the field's label and the rule, not the request's field name.
        Assert.Contains("理由：必填", await rejectError.InnerTextAsync());
        Assert.DoesNotContain("reason", await rejectError.InnerTextAsync());
        await Assertions.Expect(page.Locator("[data-testid=action-reject] [data-field=reason]")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal("acceptance", CaseWalker.Stage(await Walker.GetAsync(id)));

        // Accept with a comment and one material's form as checked: the page re-renders at the next stage.
        await page.ClickAsync("[data-testid=action-accept] summary");
        await page.FillAsync("[data-testid=action-accept] [data-field=comment]", "材料齐全，予以受理");
        await page.SelectOptionAsync("[data-testid=action-accept] [data-row]:has(input[value='business-licence-copy']) select", "e-licence");
        await page.ClickAsync("[data-testid=action-accept] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=case-stage]")).ToHaveAttributeAsync("data-stage", "formal-review", Live);
        await Assertions.Expect(page.Locator("[data-testid=case-flash]")).ToContainTextAsync("受理");
        await Assertions.Expect(page.Locator("[data-testid=journal]")).ToContainTextAsync("材料齐全，予以受理");
        await Assertions.Expect(page.Locator("[data-testid=documents]")).ToContainTextAsync("受理回执");
        var view = await Walker.GetAsync(id);
        Assert.Equal("formal-review", CaseWalker.Stage(view));
        Assert.Equal(2, view["journal"]!.AsArray().Count);
        Assert.Equal("on-track", view["sla"]!["state"]!.GetValue<string>());
        await Assertions.Expect(page.Locator("[data-testid=sla-countdown]")).ToContainTextAsync("剩余");

        // The clerk's remaining actions are the case-level ones; cancelling without a reason is refused the same way.
        await page.ClickAsync("[data-testid=action-cancel] summary");
        await ClickTwiceToConfirmAsync(page, "[data-testid=action-cancel] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=action-cancel] [data-testid=action-error]")).ToContainTextAsync("理由：必填");
        Assert.Equal("open", CaseWalker.Status(await Walker.GetAsync(id)));
        await ScreenshotAsync(page, "case-page-zh");

        // Another user's action arrives live: the reviewer passes formal review through the API.
        await page.EvaluateAsync("window.__marker = 1");
        await Walker.ActAsync(id, "reviewer", "pass", new { comment = "形式审查通过" });
        await Assertions.Expect(page.Locator("[data-testid=case-stage]")).ToHaveAttributeAsync("data-stage", "back-office-review", Live);
        Assert.Equal(1, await page.EvaluateAsync<int>("window.__marker"));

        await page.ClickAsync("#lang-switch");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        await WaitLiveAsync(page);
        Assert.Contains("Domestic company change registration", await page.InnerTextAsync("h1"));
        Assert.Contains("Back-office review", await page.InnerTextAsync("[data-testid=case-stage]"));
        await Assertions.Expect(page.Locator("[data-testid=journal]")).ToContainTextAsync("Accept");
        await Assertions.Expect(page.Locator("[data-testid=sla-countdown]")).ToContainTextAsync("left");
        await ScreenshotAsync(page, "case-page-en");
    }

    /// <summary>Issue 22 item 6: five equal collapsed forms, and a red 作废 beside 受理 sent on one click.</summary>
    [SkippableFact]
    public async Task TheNextStepIsThePrimaryButtonAndDestructiveActionsAreApartAndConfirmed()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        var page = await OpenAsync($"/cases/{id}", "clerk");
        await WaitLiveAsync(page);

        // Accept comes first and looks like the primary button; cancel and reject sit in their own block below.
        var first = page.Locator("[data-testid=case-actions] .action-list:not(.destructive) details.action").First;
        Assert.Equal("accept", await first.GetAttributeAsync("data-action"));
        await Assertions.Expect(first).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bnext\b"));
        var summaryColour = await first.Locator("summary").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(21, 101, 192)", summaryColour);
        var destructive = page.Locator("[data-testid=destructive-actions]");
        await Assertions.Expect(destructive.Locator("[data-testid=action-cancel]")).ToHaveCountAsync(1);
        await Assertions.Expect(destructive.Locator("[data-testid=action-reject]")).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator(".action-list:not(.destructive) [data-testid=action-cancel]").CountAsync());

        // One click on 作废 only asks; nothing is sent until the second.
        await page.ClickAsync("[data-testid=action-cancel] summary");
        await page.FillAsync("[data-testid=action-cancel] [data-field=reason]", "申请人要求撤回");
        await page.ClickAsync("[data-testid=action-cancel] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=action-cancel] button[type=submit]")).ToContainTextAsync("再次点击");
        Assert.Equal("open", CaseWalker.Status(await Walker.GetAsync(id)));
        await page.ClickAsync("[data-testid=action-cancel] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=case-status]")).ToHaveAttributeAsync("data-status", "cancelled", Live);
    }

    private static async Task ClickTwiceToConfirmAsync(IPage page, string button)
    {
        await page.ClickAsync(button);
        await Assertions.Expect(page.Locator(button)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("armed"));
        await page.ClickAsync(button);
    }

    [SkippableFact]
    public async Task ACorrectionRequestSendsEveryRowTheClerkAdded()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        var page = await OpenAsync($"/cases/{id}", "clerk");
        await WaitLiveAsync(page);

        var form = page.Locator("[data-testid=action-request-correction]");
        await form.Locator("summary").ClickAsync();
        await form.Locator("[data-row] [data-field=materialCode]").Nth(0).SelectOptionAsync("change-resolution");
        await form.Locator("[data-row] [data-field=problem]").Nth(0).FillAsync("缺少全体股东签字");
        await form.Locator("[data-add-row]").ClickAsync();
        await form.Locator("[data-add-row]").ClickAsync();
        await form.Locator("[data-row] [data-field=problem]").Nth(1).FillAsync("将被删除的一行");
        await form.Locator("[data-row] [data-remove-row]").Nth(1).ClickAsync();
        await form.Locator("[data-row] [data-field=problem]").Nth(1).FillAsync("申请书落款日期不清");
        // A double click sends one request twice at most, with one idempotency key: the action is done once.
        await form.Locator("button[type=submit]").DblClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=case-stage]")).ToHaveAttributeAsync("data-stage", "awaiting-correction", Live);
        var view = await Walker.GetAsync(id);
        Assert.Equal(2, view["journal"]!.AsArray().Count);
        var notice = view["openSteps"]![0]!["data"]!;
        var deficiencies = notice["deficiencies"]!.AsArray();
        Assert.Equal(2, deficiencies.Count);
        Assert.Equal("change-resolution", deficiencies[0]!["materialCode"]!.GetValue<string>());
        Assert.Equal("申请书落款日期不清", deficiencies[1]!["problem"]!.GetValue<string>());
        Assert.Null(deficiencies[1]!["materialCode"]);

        // The clerk may answer the notice at the window: the resubmit form lists each deficiency.
        var resubmit = page.Locator("[data-testid=action-resubmit]");
        await resubmit.Locator("summary").ClickAsync();
        Assert.Equal(2, await resubmit.Locator("[data-row]").CountAsync());
        await Assertions.Expect(resubmit).ToContainTextAsync("缺少全体股东签字");
        await ScreenshotAsync(page, "case-page-correction");
    }

    [SkippableFact]
    public async Task ACoordinatorRoutesAKeyProjectToOneGroupOfDepartments()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "tianhe")));
        await Walker.ActAsync(id, "clerk", "accept");
        var page = await OpenAsync($"/cases/{id}", "coordinator");
        await WaitLiveAsync(page);

        var route = page.Locator("[data-testid=action-route]");
        await route.Locator("summary").ClickAsync();
        // No department chosen: the server names the missing list and the form marks it.
        await route.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(route.Locator("[data-testid=action-error]")).ToContainTextAsync("至少填写一项");
        Assert.DoesNotContain("groups[", await route.Locator("[data-testid=action-error]").InnerTextAsync());
        await Assertions.Expect(route.Locator("[data-list=steps]")).ToHaveAttributeAsync("aria-invalid", "true");

        await route.Locator("[data-row] [data-field=department]").Nth(0).SelectOptionAsync("development-reform");
        await route.Locator("[data-row] [data-field=dueAt]").Nth(0).FillAsync("2030-01-15T17:30");
        await route.Locator("[data-add-row]").ClickAsync();
        await route.Locator("[data-row] [data-field=department]").Nth(1).SelectOptionAsync("market-regulation");
        await route.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=open-steps] li")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=open-steps]")).ToContainTextAsync("2030年1月15日 17:30");
        var steps = (await Walker.GetAsync(id))["openSteps"]!.AsArray();
        Assert.Equal(["development-reform", "market-regulation"], steps.Select(s => s!["department"]!.GetValue<string>()));
        Assert.Equal(DateTimeOffset.Parse("2030-01-15T17:30:00+08:00"), steps[0]!["dueAt"]!.GetValue<DateTimeOffset>());
        await ScreenshotAsync(page, "case-page-routed");
    }

    [SkippableFact]
    public async Task ACaseOutsideTheUsersScopeOrUnknownGetsAClearPage()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        // reviewer2 reviews for emergency management; this case belongs to market regulation.
        var page = await OpenAsync($"/cases/{id}", "reviewer2");
        await Assertions.Expect(page.Locator("[data-testid=case-problem]")).ToHaveAttributeAsync("data-outcome", "forbidden");
        Assert.Contains("无权查看", await page.InnerTextAsync("h1"));

        var response = await GoToAsync(page, "/cases/case-00000000000000000000000000000000");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("[data-testid=case-problem]")).ToHaveAttributeAsync("data-outcome", "notFound");
        await ScreenshotAsync(page, "case-page-not-found");
    }

    [SkippableFact]
    public async Task SigningInFromACaseLinkComesBackToTheCase()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        var page = await OpenAsync($"/cases/{id}");
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);

        await page.FillAsync("input[name=username]", "clerk");
        await page.FillAsync("input[name=password]", ApiClient.DemoPassword);
        await page.ClickAsync("#login-form button[type=submit]");
        await WaitForUrlAsync(page, url => url.AbsolutePath == $"/cases/{id}");
        await Assertions.Expect(page.Locator("[data-testid=case-stage]")).ToHaveAttributeAsync("data-stage", "acceptance");
    }

    private static Task WaitLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=live-status]")).ToHaveAttributeAsync("data-state", "live", Live);
}
