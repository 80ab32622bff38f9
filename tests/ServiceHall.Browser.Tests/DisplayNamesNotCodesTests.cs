using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 22 item 3: "codes where people expect names" — "tianhe", "reviewer", "general-1" (also inside an SMS:
/// "general-1 窗口"), department codes in the correction notice's table. Every place a person reads names the window,
/// district, department and member of staff.
/// </summary>
public sealed partial class DisplayNamesNotCodesTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [SkippableFact]
    public async Task TheCasePageCorrectionNoticeAndPickupSmsNameWindowsDepartmentsAndStaffNotCodes()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002", window: "general-1"));
        var id = CaseWalker.Id(opened);
        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "request-correction", new
        {
            deficiencies = new object[] { new { materialCode = "amended-articles", problem = "章程修正案未加盖公章" } },
        });

        var page = await OpenAsync($"/cases/{id}", "clerk");
        AssertNoCodes("case page", await page.InnerTextAsync("main"));
        var notice = await (await Walker.AsAsync("clerk")).DownloadAsync($"/api/cases/{id}/documents/correction-notice?format=html");
        var noticePage = await OpenAsync("/");
        await noticePage.SetContentAsync(System.Text.Encoding.UTF8.GetString(notice.Bytes));
        AssertNoCodes("correction notice", await noticePage.InnerTextAsync("body"));

        // On to pickup at the window: the SMS names the window as the applicant sees it over the counter.
        await Walker.ResubmitAsync(await Walker.GetAsync(id));
        await Walker.ActAsync(id, "reviewer", "pass");
        await Walker.ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        await Walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        await Walker.ActAsync(id, "clerk", "notify-pickup");
        var number = opened["number"]!.GetValue<string>();

        // The pickup SMS reaches the outbox just after the answer: every message of the case is there once none is pending.
        await Walker.MessagesOfAsync(id);
        var outbox = await OpenAsync("/admin/outbox", "admin");
        var messages = outbox.Locator("[data-testid=outbox-message]").Filter(new() { HasText = number });
        var deadline = DateTime.UtcNow.AddMilliseconds(Patience);
        while (await messages.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await ReloadAsync(outbox);
        }

        Assert.True(await messages.CountAsync() > 0, "no SMS of the case in the outbox");
        foreach (var text in await messages.Locator("[data-testid=outbox-text]").AllInnerTextsAsync())
        {
            AssertNoCodes("SMS", text);
        }

        await GoToAsync(page, $"/cases/{id}");
        AssertNoCodes("finished case page", await page.InnerTextAsync("main"));
    }

    [SkippableFact]
    public async Task AKeyProjectsCasePageAndTheCoordinatorsConsoleNameItsDistrictNotItsCode()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "tianhe"), "clerk-key-project"));
        var page = await OpenAsync($"/cases/{id}", "coordinator");
        AssertNoCodes("key project's case page", await page.InnerTextAsync("main"));

        await GoToAsync(page, "/coordinator");
        var project = page.Locator($"[data-testid=project][data-case-id='{id}']");
        await Assertions.Expect(project).ToContainTextAsync("天河区");
        AssertNoCodes("coordinator's project card", await project.InnerTextAsync());
    }

    private static void AssertNoCodes(string where, string text)
    {
        // A member of staff is named by their name; the sign-in name may follow it in brackets, as the audit trail's key.
        var found = Codes().Matches(StaffWithSignInName().Replace(text, "")).Select(m => m.Value).Distinct().ToList();
        Assert.True(found.Count == 0, $"{where} shows codes {string.Join(", ", found)}:\n{text}");
    }

    /// <summary>Codes (lower-case words joined by hyphens: windows, departments, materials), districts and staff user names.</summary>
    [GeneratedRegex(@"(?<![\w-])([a-z]+(-[a-z0-9]+)+|tianhe|haizhu|nansha|yuexiu|clerk|reviewer2?|coordinator2?|manager|admin)(?![\w-])")]
    private static partial Regex Codes();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+ \((clerk[\w-]*|reviewer\d?|coordinator\d?|manager|admin|designer)\)")]
    private static partial Regex StaffWithSignInName();
}
