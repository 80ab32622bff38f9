using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 22 item 8: a finished case kept its SLA countdown and said "已办结" twice; its tracker still said "正常" and
/// promised an SMS when the certificate was ready.
/// </summary>
public sealed class FinishedCaseDisplayTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [SkippableFact]
    public async Task AFinishedCaseShowsNoCountdownAndSaysFinishedOnce()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "pass", new { comment = "形式审查通过" });
        await Walker.ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        await Walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        await Walker.ActAsync(id, "clerk", "notify-pickup");
        var done = await Walker.ActAsync(id, "clerk", "picked-up", new { collector = "agent", by = "张三丰", idNumber = "11010519491231002X" });
        Assert.Equal("completed", CaseWalker.Status(done));

        var page = await OpenAsync($"/cases/{id}", "clerk");
        await Assertions.Expect(page.Locator("[data-testid=sla-finished]")).ToHaveTextAsync("按时办结");
        Assert.Equal(0, await page.Locator("[data-testid=sla-countdown]").CountAsync());
        var header = await page.InnerTextAsync(".case-header");
        Assert.Single(Regex.Matches(header, "已办结"));
        Assert.DoesNotContain("正常", header);
        Assert.DoesNotMatch(@"\s00:00", await page.InnerTextAsync("[data-testid=sla-due]"));

        var tracker = await OpenAsync("/track?code=" + opened["trackingCode"]!.GetValue<string>(), viewport: new ViewportSize { Width = 390, Height = 844 });
        await Assertions.Expect(tracker.Locator("[data-testid=sla-finished]")).ToBeVisibleAsync();
        var text = await tracker.InnerTextAsync("#tracker-detail");
        Assert.DoesNotContain("正常", text);
        Assert.DoesNotContain("证照办好后将短信通知您", text);
        Assert.Equal(0, await tracker.Locator("[data-testid=sla-countdown]").CountAsync());
    }
}
