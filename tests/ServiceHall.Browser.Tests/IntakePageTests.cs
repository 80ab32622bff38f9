using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 21: a clerk opens a walk-in case at the window through /cases/new — finds the item from the keyboard, sees
/// a wrong ID check character flagged in Chinese as typed, hands in one copy waived and one replaced by the
/// e-licence — and lands on the case page, where accepting puts the receipt one click away; a refusal of the server
/// lands on the field it names.
/// </summary>
public sealed class IntakePageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Licence = "91440101MA59XXXX1K";
    private const string Holder = "广州示例贸易有限公司";

    [SkippableFact]
    public async Task AClerkOpensAWalkInCaseWithAWaivedCopyAndAnELicenceAndGetsTheReceipt()
    {
        var page = await OpenAsync("/board", "clerk");
        await page.ClickAsync("[data-testid=board-new-case]");
        await page.WaitForURLAsync("**/cases/new");

        // Keyboard first: type part of the name, Enter takes the first match.
        await page.FillAsync("[data-testid=intake-item-search]", "内资公司变更");
        await page.PressAsync("[data-testid=intake-item-search]", "Enter");
        await Assertions.Expect(page.Locator("[data-testid=intake-form]")).ToHaveAttributeAsync("data-item", "GZ-SCJG-002");
        // The clerk's own window (综合窗口1) serves the window channel, so both come preselected.
        Assert.Equal("window", await page.InputValueAsync("[data-testid=intake-channel]"));
        Assert.Equal("general-1", await page.InputValueAsync("[data-testid=intake-window]"));

        await page.CheckAsync("input[name=kind][value=organisation]");
        await page.FillAsync("[data-testid=intake-name]", "张三丰");
        await page.FillAsync("[data-testid=intake-id-number]", "440106199003071232");
        var idError = page.Locator("[data-testid=intake-id-number] + [data-testid=field-error]");
        await Assertions.Expect(idError).ToContainTextAsync("身份证号码校验位不正确");
        await page.FillAsync("[data-testid=intake-id-number]", "440106199003071231");
        await Assertions.Expect(idError).ToHaveCountAsync(0);
        await page.FillAsync("[data-testid=intake-phone]", "13800138000");
        await page.FillAsync("[data-testid=intake-organization]", Holder);
        await page.FillAsync("[data-testid=intake-organization-code]", Licence);

        // The ID-card copy is waived (the clerk sees the card); the licence copy is replaced by the e-licence.
        Assert.Equal("waived", await page.InputValueAsync("[data-material=id-card-copy] [data-role=form]"));
        await page.SelectOptionAsync("[data-material=business-licence-copy] [data-role=form]", "e-licence");
        await page.FillAsync("[data-material=business-licence-copy] [data-role=elicence]", Licence);
        await page.ClickAsync("[data-material=business-licence-copy] [data-role=lookup]");
        await Assertions.Expect(page.Locator("[data-material=business-licence-copy] [data-role=lookup-result]")).ToContainTextAsync("有效");
        await Assertions.Expect(page.Locator("#copies-saved")).ToHaveTextAsync("2");
        await ScreenshotAsync(page, "intake-zh");

        await page.ClickAsync("[data-testid=intake-submit]");
        await page.WaitForURLAsync("**/cases/case-*");
        var id = page.Url.Split('/').Last();
        var opened = await Walker.GetAsync(id);
        var materials = opened["materials"]!.AsArray().ToDictionary(m => m!["code"]!.GetValue<string>(), m => m!["status"]!.GetValue<string>());
        Assert.Equal(("waived", "e-licence", "submitted"), (materials["id-card-copy"], materials["business-licence-copy"], materials["change-resolution"]));
        Assert.Equal(2, opened["copiesSaved"]!.GetValue<int>());

        // Complete, so the clerk accepts it as such; the receipt is then one click away.
        await page.ClickAsync("[data-testid=action-accept] summary");
        await page.ClickAsync("[data-testid=action-accept] button[type=submit]");
        var receipt = page.Locator("[data-testid=documents] a[href*='documents/receipt?format=html']");
        await Assertions.Expect(receipt).ToBeVisibleAsync(new() { Timeout = Patience });
        var html = await page.Context.APIRequest.GetAsync(await receipt.GetAttributeAsync("href") ?? "");
        Assert.Contains("申请材料齐全", await html.TextAsync());
    }

    [SkippableFact]
    public async Task TheKeyProjectWindowOpensAProjectInTheDistrictChosenAndItsCoordinatorGetsIt()
    {
        var page = await OpenAsync("/cases/new?item=GZ-FGW-001", "clerk-key-project");
        Assert.Equal("key-project", await page.InputValueAsync("[data-testid=intake-channel]"));
        var districts = page.Locator("[data-testid=intake-district] option");
        Assert.Equal(11, await districts.CountAsync());
        await page.SelectOptionAsync("[data-testid=intake-district]", "zengcheng");
        Assert.Equal("增城区", (await page.Locator("[data-testid=intake-district] option:checked").TextContentAsync())?.Trim());

        await page.FillAsync("[data-testid=intake-name]", "张三丰");
        await page.FillAsync("[data-testid=intake-id-number]", "440106199003071231");
        await page.FillAsync("[data-testid=intake-phone]", "13800138000");
        await page.ClickAsync("[data-testid=intake-submit]");
        await page.WaitForURLAsync("**/cases/case-*");

        var opened = await Walker.GetAsync(page.Url.Split('/').Last());
        Assert.Equal(("zengcheng", "coordinator-zengcheng"),
            (opened["coordination"]!["district"]!.GetValue<string>(), opened["coordination"]!["coordinator"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task AnELicenceTheRegisterDoesNotKnowIsRefusedOnItsFieldInChinese()
    {
        var page = await OpenAsync("/cases/new?item=GZ-SCJG-002", "clerk");
        await page.CheckAsync("input[name=kind][value=organisation]");
        await page.FillAsync("[data-testid=intake-name]", "张三丰");
        await page.FillAsync("[data-testid=intake-id-number]", "440106199003071231");
        await page.FillAsync("[data-testid=intake-phone]", "13800138000");
        await page.FillAsync("[data-testid=intake-organization]", Holder);
        await page.FillAsync("[data-testid=intake-organization-code]", Licence);
        await page.SelectOptionAsync("[data-material=business-licence-copy] [data-role=form]", "e-licence");
        await page.FillAsync("[data-material=business-licence-copy] [data-role=elicence]", "91440101MA5NOTREAL");

        await page.ClickAsync("[data-testid=intake-submit]");

        var field = page.Locator("[data-material=business-licence-copy] [data-role=elicence]");
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[data-material=business-licence-copy] [data-testid=field-error]")).ToContainTextAsync("证照库中没有");
        await Assertions.Expect(page.Locator("[data-testid=intake-error]")).ToContainTextAsync("未能登记");
        Assert.EndsWith("/cases/new?item=GZ-SCJG-002", page.Url, StringComparison.Ordinal);
    }
}
