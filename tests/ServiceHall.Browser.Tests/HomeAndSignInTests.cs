using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

public sealed class HomeAndSignInTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [SkippableFact]
    public async Task TheHomePageSpeaksChineseAndSwitchesToEnglishAndBack()
    {
        var page = await OpenAsync("/");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("办件查询", await page.InnerTextAsync("nav"));
        await ScreenshotAsync(page, "home-zh");

        await page.ClickAsync("#lang-switch");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.Contains("Track my case", await page.InnerTextAsync("nav"));
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await ScreenshotAsync(page, "home-en");

        // The choice is remembered for the next page, and switching back works the same way.
        await GoToAsync(page, "/login");
        Assert.Contains("Staff sign-in", await page.InnerTextAsync("h1"));
        await page.ClickAsync("#lang-switch");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'zh-CN'");
        Assert.Contains("工作人员登录", await page.InnerTextAsync("h1"));
    }

    /// <summary>Issue 22 item 11: the home page had no footer telling a visitor how to reach the hall.</summary>
    [SkippableFact]
    public async Task TheHomePageFooterGivesTheHotlineAddressAndOpeningHoursInEitherLanguage()
    {
        var page = await OpenAsync("/");
        var footer = page.Locator("[data-testid=site-footer]");
        await Assertions.Expect(footer).ToBeVisibleAsync();
        Assert.Equal(["咨询热线", "地址", "办公时间"], await footer.Locator("dt").AllInnerTextsAsync());
        await Assertions.Expect(footer).ToContainTextAsync("12345");
        await Assertions.Expect(footer).ToContainTextAsync("政务服务中心");
        await Assertions.Expect(footer).ToContainTextAsync("9:00");
        // Below the page's content, not over it.
        var mainBottom = await page.EvaluateAsync<double>("() => document.querySelector('main').getBoundingClientRect().bottom");
        Assert.True((await footer.BoundingBoxAsync())!.Y >= mainBottom, "the footer overlaps the page's content");

        await GoToAsync(page, "/lang/en?returnUrl=/");
        Assert.Equal(["Hotline", "Address", "Opening hours"], await footer.Locator("dt").AllInnerTextsAsync());
        await Assertions.Expect(footer).ToContainTextAsync("Government Service Centre");
    }

    [SkippableFact]
    public async Task AClerkSignsInThroughTheFormAndSeesTheirNameAndPages()
    {
        var page = await OpenAsync("/", "clerk");
        Assert.Contains("窗口人员", await page.InnerTextAsync("[data-testid=signed-in-user]"));
        Assert.Contains("案件看板", await page.InnerTextAsync("nav"));
        // A clerk has no statistics: the link is not offered.
        Assert.DoesNotContain("统计", await page.InnerTextAsync("nav"));
        await ScreenshotAsync(page, "home-clerk");

        await page.ClickAsync("text=退出");
        await page.WaitForSelectorAsync("text=工作人员登录");
        Assert.Equal(0, await page.Locator("[data-testid=signed-in-user]").CountAsync());
    }

    [SkippableFact]
    public async Task AWrongPasswordIsRefusedOnThePage()
    {
        var page = await OpenAsync("/login");
        await page.FillAsync("input[name=username]", "clerk");
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("#login-form button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=signed-in-user]").CountAsync());
        await ScreenshotAsync(page, "login-refused");
    }
}
