using System.Net;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 21, "every staff action from the pages": the enquiry log (clerk), coordinator reassignment, e-licence import,
/// certificate revocation and catalogue editing (admin). Each form sends a typed JSON body to its API and is checked
/// through the API afterwards; each shows a refusal of the server on the field it names, in the page's language.
/// </summary>
public sealed class StaffFormsTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A unified social credit code nobody else in the shared silo uses.</summary>
    private static string NewCreditCode() =>
        "91440101" + new string([.. Enumerable.Range(0, 10).Select(_ => CodeAlphabet[Random.Shared.Next(CodeAlphabet.Length)])]);

    [SkippableFact]
    public async Task AClerkLogsAnEnquiryAndItIsCounted()
    {
        var admin = await Walker.AsAsync("admin");
        var before = await ReferredCountAsync(admin);

        var page = await OpenAsync("/consultations/new", "clerk");
        Assert.Equal("general-1", await page.InputValueAsync("[data-testid=consultation-window]"));
        await page.SelectOptionAsync("[data-testid=consultation-channel]", "phone");
        await page.SelectOptionAsync("[data-testid=consultation-item]", "GZ-SCJG-002");
        await page.SelectOptionAsync("[data-testid=consultation-outcome]", "referred");
        await page.FillAsync("[data-testid=consultation-topic]", "变更登记需要哪些材料");
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=form-done]")).ToContainTextAsync("咨询已登记");
        // The form is ready for the next enquiry.
        Assert.Equal("", await page.InputValueAsync("[data-testid=consultation-topic]"));
        await Eventually.UntilAsync(() => ReferredCountAsync(admin), count => count == before + 1, "the enquiry counted", TimeSpan.FromSeconds(30));
    }

    [SkippableFact]
    public async Task ATopicTooLongIsRefusedOnItsFieldInChinese()
    {
        var page = await OpenAsync("/consultations/new", "clerk");
        await page.FillAsync("[data-testid=consultation-topic]", new string('问', 201));
        await page.ClickAsync("[data-testid=form-submit]");

        var topic = page.Locator("[data-testid=consultation-topic]");
        await Assertions.Expect(topic).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[data-testid=field-error][data-error-for=topic]")).ToContainTextAsync("不能超过 200 字");
        await Assertions.Expect(page.Locator("[data-testid=form-error]")).ToContainTextAsync("未能提交");
        Assert.True(await page.Locator("[data-testid=form-done]").IsHiddenAsync());
    }

    [SkippableFact]
    public async Task OnlyAClerkOfAHallHasTheEnquiryLogAndOnlyAnAdminTheAdminForms()
    {
        var reviewer = await OpenAsync("/consultations/new", "reviewer");
        await Assertions.Expect(reviewer.Locator("[data-testid=staff-form-forbidden]")).ToBeVisibleAsync();
        var clerk = await OpenAsync("/admin/catalog", "clerk");
        await Assertions.Expect(clerk.Locator("[data-testid=staff-form-forbidden]")).ToContainTextAsync("仅限系统管理员");
        Assert.Equal(HttpStatusCode.Forbidden, (HttpStatusCode)(await GoToAsync(clerk, "/admin/e-licences"))!.Status);
    }

    [SkippableFact]
    public async Task AnAdminReassignsAKeyProjectsCoordinator()
    {
        var opened = await Walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "tianhe"), "clerk-key-project");
        var id = CaseWalker.Id(opened);

        var page = await OpenAsync("/admin/coordinators?case=" + id, "admin");
        Assert.Equal(id, await page.InputValueAsync("[data-testid=coordinator-case]"));
        await page.SelectOptionAsync("[data-testid=coordinator-name]", "coordinator2");
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=form-done]")).ToContainTextAsync("coordinator2");
        var after = await Walker.GetAsync(id);
        Assert.Equal("coordinator2", after["coordination"]!["coordinator"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task AnAdminReassignsByTheCaseNumberShownOnTheBoard()
    {
        var opened = await Walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "tianhe"), "clerk-key-project");
        var id = CaseWalker.Id(opened);
        var number = opened["number"]!.GetValue<string>();
        await Walker.WaitForBoardAsync(opened);

        var page = await OpenAsync("/admin/coordinators", "admin");
        await page.FillAsync("[data-testid=coordinator-case]", number);
        await page.SelectOptionAsync("[data-testid=coordinator-name]", "coordinator2");
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=form-done]")).ToContainTextAsync(number);
        var after = await Walker.GetAsync(id);
        Assert.Equal("coordinator2", after["coordination"]!["coordinator"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task AnUnknownCaseNumberIsRefusedOnTheCaseFieldInEnglish()
    {
        var page = await OpenAsync("/admin/coordinators?culture=en&case=GZ-20990101-999999", "admin");
        Assert.Equal("GZ-20990101-999999", await page.InputValueAsync("[data-testid=coordinator-case]"));
        await page.SelectOptionAsync("[data-testid=coordinator-district]", "haizhu");
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=coordinator-case]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[data-testid=field-error][data-error-for=id]")).ToContainTextAsync("check the case number");
        Assert.True(await page.Locator("[data-testid=form-done]").IsHiddenAsync());
    }

    [SkippableFact]
    public async Task ReassigningACaseThatDoesNotExistIsRefusedOnTheCaseField()
    {
        var page = await OpenAsync("/admin/coordinators?case=case-nosuchcase", "admin");
        await page.SelectOptionAsync("[data-testid=coordinator-district]", "haizhu");
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=coordinator-case]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[data-testid=field-error][data-error-for=id]")).ToContainTextAsync("没有这个案件");
    }

    [SkippableFact]
    public async Task AnAdminImportsELicencesAndTheRegisterKnowsThem()
    {
        var (first, second) = (NewCreditCode(), NewCreditCode());
        var page = await OpenAsync("/admin/e-licences", "admin");
        var rows = page.Locator("[data-testid=licence-row]");
        await rows.Nth(0).Locator("[data-field=number]").FillAsync(first);
        await rows.Nth(0).Locator("[data-field=holder]").FillAsync("广州导入测试一有限公司");
        await rows.Nth(0).Locator("[data-field=issuedAt]").FillAsync("2025-03-01");
        await rows.Nth(1).Locator("[data-field=number]").FillAsync(second);
        await rows.Nth(1).Locator("[data-field=holder]").FillAsync("广州导入测试二有限公司");
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=form-done]")).ToContainTextAsync("已导入 2 张，0 张已在库中");
        var check = (await Walker.Anonymous.GetAsync($"/api/certificates/{first}/verify")).Json;
        Assert.Equal(("valid", "广州导入测试一有限公司", true), (check["status"]!.GetValue<string>(), check["holder"]!.GetValue<string>(), check["isBusinessLicence"]!.GetValue<bool>()));
        // The date went as a date (China-time midnight), not as a string the server would refuse.
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), check["issuedAt"]!.GetValue<DateTimeOffset>());
    }

    [SkippableFact]
    public async Task ALicenceWhoseNumberIsNotACodeNeedsTheHoldersCodeOnItsRow()
    {
        var page = await OpenAsync("/admin/e-licences", "admin");
        var rows = page.Locator("[data-testid=licence-row]");
        await rows.Nth(0).Locator("[data-field=number]").FillAsync(NewCreditCode());
        await rows.Nth(0).Locator("[data-field=holder]").FillAsync("广州导入测试三有限公司");
        await rows.Nth(1).Locator("[data-field=number]").FillAsync("GZ-LIC-" + Random.Shared.Next(100000, 999999));
        await rows.Nth(1).Locator("[data-field=holder]").FillAsync("广州导入测试四有限公司");
        await rows.Nth(1).Locator("[data-field=holderCode]").FillAsync("12345");
        await page.ClickAsync("[data-testid=form-submit]");

        var code = rows.Nth(1).Locator("[data-field=holderCode]");
        await Assertions.Expect(code).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(rows.Nth(1).Locator("[data-testid=field-error]")).ToContainTextAsync("统一社会信用代码不正确");
        await Assertions.Expect(rows.Nth(0).Locator("[data-testid=field-error]")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "licences-refused-zh");
    }

    [SkippableFact]
    public async Task EveryRefusedLicenceRowIsMarkedAtOnceInThePagesLanguage()
    {
        var page = await OpenAsync("/admin/e-licences?culture=en", "admin");
        var rows = page.Locator("[data-testid=licence-row]");
        await rows.Nth(0).Locator("[data-field=number]").FillAsync("GZ LIC 1"); // a space: not a licence number
        await rows.Nth(0).Locator("[data-field=holder]").FillAsync("Guangzhou Import Test One Ltd");
        await rows.Nth(0).Locator("[data-field=holderCode]").FillAsync(NewCreditCode());
        await rows.Nth(1).Locator("[data-field=number]").FillAsync(NewCreditCode());
        await rows.Nth(2).Locator("[data-field=number]").FillAsync("GZ-LIC-" + Random.Shared.Next(100000, 999999));
        await rows.Nth(2).Locator("[data-field=holder]").FillAsync("Guangzhou Import Test Three Ltd");
        await page.ClickAsync("[data-testid=form-submit]");

        // Three rows, three rules, one answer: each on its own input, in English, and the summary names their rows.
        await Assertions.Expect(page.Locator("[data-testid=field-error]")).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0).Locator("[data-field=number]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(rows.Nth(1).Locator("[data-field=holder]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(rows.Nth(2).Locator("[data-field=holderCode]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(rows.Nth(1).Locator("[data-testid=field-error]")).ToContainTextAsync("holder's name");
        var summary = page.Locator("[data-testid=form-error] li");
        await Assertions.Expect(summary).ToHaveCountAsync(3);
        await Assertions.Expect(summary.Nth(2)).ToContainTextAsync("Item 3");
        Assert.DoesNotContain("licences[", await page.Locator("[data-testid=form-error]").InnerTextAsync());
        // The corrected row clears its mark on the next answer.
        await rows.Nth(0).Locator("[data-field=number]").FillAsync(NewCreditCode());
        await rows.Nth(1).Locator("[data-field=holder]").FillAsync("Guangzhou Import Test Two Ltd");
        await rows.Nth(2).Locator("[data-field=holderCode]").FillAsync(NewCreditCode());
        await page.ClickAsync("[data-testid=form-submit]");
        await Assertions.Expect(page.Locator("[data-testid=form-done]")).ToContainTextAsync("3 imported");
        await Assertions.Expect(page.Locator("[data-testid=field-error]")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.Locator("[aria-invalid]").CountAsync());
    }

    [SkippableFact]
    public async Task AnAdminRevokesACertificateOnASecondClickAndThePublicCheckSaysSo()
    {
        var number = NewCreditCode();
        var admin = await Walker.AsAsync("admin");
        var imported = await admin.PostAsync("/api/certificates/e-licences", new { licences = new[] { new { number, holder = "广州作废测试有限公司" } } });
        Assert.True(imported.Status == HttpStatusCode.OK, imported.ToString());

        var page = await OpenAsync("/admin/certificates?number=" + number, "admin");
        await page.FillAsync("[data-testid=revoke-reason]", "企业已注销");
        await page.ClickAsync("[data-testid=form-submit]");
        // The first click only arms the button.
        await Assertions.Expect(page.Locator("[data-testid=form-submit]")).ToContainTextAsync("确认作废");
        Assert.Equal("valid", (await Walker.Anonymous.GetAsync($"/api/certificates/{number}/verify")).Json["status"]!.GetValue<string>());
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=form-done]")).ToContainTextAsync($"证照 {number} 已作废");
        var check = (await Walker.Anonymous.GetAsync($"/api/certificates/{number}/verify")).Json;
        Assert.Equal("revoked", check["status"]!.GetValue<string>());
        Assert.StartsWith("企业已注销", check["revocationReason"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task RevokingANumberTheRegisterDoesNotHoldIsRefusedOnTheNumberInEnglish()
    {
        var page = await OpenAsync("/admin/certificates?culture=en", "admin");
        await page.FillAsync("[data-testid=revoke-number]", NewCreditCode());
        await page.FillAsync("[data-testid=revoke-reason]", "Struck off");
        await page.ClickAsync("[data-testid=form-submit]");
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=revoke-number]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[data-testid=field-error][data-error-for=number]")).ToContainTextAsync("No certificate with this number");
        await Assertions.Expect(page.Locator("[data-testid=form-error]")).ToContainTextAsync("Not done");
    }

    [SkippableFact]
    public async Task AnAdminAddsACatalogueItemWithTypedFieldsAndItsGuideShowsIt()
    {
        var code = "GZ-WEB-" + Random.Shared.Next(100, 999);
        var page = await OpenAsync("/admin/catalog", "admin");
        await page.ClickAsync("[data-testid=catalog-new]");
        await WaitForUrlAsync(page, url => url.AbsolutePath == "/admin/catalog/new");
        await FillNewItemAsync(page, code, "5", "business-licence-copy");
        await ScreenshotAsync(page, "catalog-new-zh");
        await page.ClickAsync("[data-testid=form-submit]");

        await Assertions.Expect(page.Locator("[data-testid=form-done]")).ToContainTextAsync($"事项 {code} 已保存");
        var item = (await Walker.Anonymous.GetAsync("/api/catalog/items/" + code)).Json;
        Assert.Equal(5, item["timeLimitDays"]!.GetValue<int>());
        Assert.Equal(["window", "online"], item["channels"]!.AsArray().Select(c => c!.GetValue<string>()));
        var material = item["materials"]!.AsArray().Single()!;
        Assert.Equal(("business-licence-copy", "e-licence", true), (material["code"]!.GetValue<string>(), material["waiver"]!.GetValue<string>(), material["optional"]!.GetValue<bool>()));

        // The edit page of the saved item shows it back, and its guide is public.
        await GoToAsync(page, "/admin/catalog/" + code);
        Assert.Equal("5", await page.InputValueAsync("[data-testid=catalog-time-limit]"));
        var guide = await OpenAsync("/guide/" + code);
        await Assertions.Expect(guide.Locator("[data-testid=guide-title]")).ToContainTextAsync("网页新增测试事项");
    }

    [SkippableFact]
    public async Task AMaterialCodeTheCatalogueRefusesIsMarkedOnItsRowInEnglish()
    {
        var code = "GZ-WEB-" + Random.Shared.Next(100, 999);
        var page = await OpenAsync("/admin/catalog/new?culture=en", "admin");
        await FillNewItemAsync(page, code, "5", "Licence Copy");
        await page.ClickAsync("[data-testid=form-submit]");

        var row = page.Locator("[data-testid=catalog-materials] [data-testid=material-row]").First;
        await Assertions.Expect(row.Locator("[data-field=code]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(row.Locator("[data-testid=field-error]")).ToContainTextAsync("lower-case words joined by hyphens");
        Assert.Equal(HttpStatusCode.NotFound, (await Walker.Anonymous.GetAsync("/api/catalog/items/" + code)).Status);
    }

    private static async Task FillNewItemAsync(IPage page, string code, string days, string materialCode)
    {
        await page.FillAsync("[data-testid=catalog-code]", code);
        await page.FillAsync("[data-testid=catalog-name-zh]", "网页新增测试事项");
        await page.FillAsync("[data-testid=catalog-name-en]", "Item added from the page");
        await page.SelectOptionAsync("[data-testid=catalog-department]", "market-regulation");
        await page.FillAsync("[data-testid=catalog-time-limit]", days);
        await page.CheckAsync("[data-testid=catalog-channels] input[value=window]");
        await page.CheckAsync("[data-testid=catalog-channels] input[value=online]");
        await page.ClickAsync("[data-testid=catalog-add-material]");
        var row = page.Locator("[data-testid=catalog-materials] [data-testid=material-row]").First;
        await row.Locator("[data-field=code]").FillAsync(materialCode);
        await row.Locator("[data-field=nameZh]").FillAsync("营业执照复印件");
        await row.Locator("[data-field=nameEn]").FillAsync("Business licence copy");
        await row.Locator("[data-field=waiver]").SelectOptionAsync("e-licence");
        await row.Locator("[data-field=optional]").CheckAsync();
    }

    private static async Task<int> ReferredCountAsync(ApiClient admin)
    {
        var counts = (await admin.GetAsync("/api/stats/consultations?hall=gz")).Json.AsArray();
        return counts.Where(c => c!["outcome"]!.GetValue<string>() == "referred" && c["channel"]!.GetValue<string>() == "phone")
            .Sum(c => c!["count"]!.GetValue<int>());
    }
}
