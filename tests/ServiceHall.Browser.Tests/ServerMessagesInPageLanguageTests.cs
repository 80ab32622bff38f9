using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 22 item 2, "server messages leak into the Chinese UI untranslated, with internal paths; a refused submission
/// shows one error at a time": every refused field is shown at once, on its input, in the page's language, named by its
/// label and never by the request's JSON path.
/// </summary>
public sealed class ServerMessagesInPageLanguageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Item = "GZ-SCJG-002";

    // What a person must never read: the request's own field names.
    private static readonly string[] InternalPaths = ["applicant.", "verificationCode", "delivery.", "deficiencies[", "is required"];

    [SkippableFact]
    public async Task ARefusedApplicationInChineseShowsEveryErrorInChineseOnItsFieldWithNoInternalPath()
    {
        var page = await OpenAsync("/apply?item=" + Item);
        await page.FillAsync("#apply-form input[name=idNumber]", "12345");
        await page.FillAsync("#apply-form input[name=phone]", "555");
        await page.ClickAsync("[data-testid=apply-submit]");

        // Name, ID number, phone, the EMS address and the code: all five at once, each under its own input.
        var errors = page.Locator("#apply-form [data-testid=field-error]");
        await Assertions.Expect(errors).ToHaveCountAsync(5, new() { Timeout = Patience });
        foreach (var field in new[] { "applicant.name", "applicant.idNumber", "applicant.phone", "delivery.address", "verificationCode" })
        {
            await Assertions.Expect(page.Locator($"#apply-form [data-field='{field}']")).ToHaveAttributeAsync("aria-invalid", "true");
        }

        Assert.Contains("身份证号码", await page.Locator("[data-testid=field-error][data-error-for='applicant.idNumber']").InnerTextAsync());
        Assert.Contains("验证码", await page.Locator("[data-testid=field-error][data-error-for=verificationCode]").InnerTextAsync());
        var summary = await page.Locator("[data-testid=apply-error]").InnerTextAsync();
        Assert.Contains("手机号码", summary);
        AssertNoInternalPath(summary + await page.Locator("#apply-form").InnerTextAsync());
        await ScreenshotAsync(page, "apply-errors-zh");
    }

    [SkippableFact]
    public async Task ARefusedApplicationInEnglishShowsEveryErrorInEnglishOnItsField()
    {
        var page = await OpenAsync("/lang/en?returnUrl=" + Uri.EscapeDataString("/apply?item=" + Item));
        await page.FillAsync("#apply-form input[name=name]", "Chen");
        await page.FillAsync("#apply-form input[name=idNumber]", "12345");
        await page.FillAsync("#apply-form input[name=phone]", "555");
        await page.CheckAsync("input[name=delivery][value=electronic]");
        await page.ClickAsync("[data-testid=apply-submit]");

        var errors = page.Locator("#apply-form [data-testid=field-error]");
        await Assertions.Expect(errors).ToHaveCountAsync(3, new() { Timeout = Patience });
        Assert.Contains("identity number", await page.Locator("[data-testid=field-error][data-error-for='applicant.idNumber']").InnerTextAsync());
        Assert.Contains("mobile number", await page.Locator("[data-testid=field-error][data-error-for='applicant.phone']").InnerTextAsync());
        Assert.Contains("verification code", await page.Locator("[data-testid=field-error][data-error-for=verificationCode]").InnerTextAsync());
        var text = await page.Locator("#apply-form").InnerTextAsync();
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", string.Concat(await errors.AllInnerTextsAsync()));
        AssertNoInternalPath(text);
    }

    [SkippableFact]
    public async Task ACorrectionRequestWithUnfinishedRowsNamesEachRowByNumberAndLabel()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(Item)));
        var page = await OpenAsync($"/cases/{id}", "clerk");
        var form = page.Locator("[data-testid=action-request-correction]");
        await form.Locator("summary").ClickAsync();
        await form.Locator("[data-row] [data-field=problem]").Nth(0).FillAsync("缺少全体股东签字");
        await form.Locator("[data-add-row]").ClickAsync();
        await form.Locator("[data-row] [data-field=materialCode]").Nth(1).SelectOptionAsync("application-form");
        await form.Locator("[data-add-row]").ClickAsync();
        await form.Locator("[data-row] [data-field=materialCode]").Nth(2).SelectOptionAsync("change-resolution");
        await form.Locator("button[type=submit]").ClickAsync();

        var error = form.Locator("[data-testid=action-error]");
        await Assertions.Expect(error).ToContainTextAsync("第2项 问题说明：必填。", new() { Timeout = Patience });
        await Assertions.Expect(error).ToContainTextAsync("第3项 问题说明：必填。");
        await Assertions.Expect(form.Locator("[data-row] [data-field=problem][aria-invalid=true]")).ToHaveCountAsync(2);
        AssertNoInternalPath(await error.InnerTextAsync());
        Assert.Equal("acceptance", CaseWalker.Stage(await Walker.GetAsync(id)));
    }

    private static void AssertNoInternalPath(string text)
    {
        foreach (var path in InternalPaths)
        {
            Assert.DoesNotContain(path, text, StringComparison.Ordinal);
        }
    }
}
