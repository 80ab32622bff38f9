using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>Issue 22 item 10: the slot-rule page made admins type window and item codes; both are picked by name now.</summary>
public sealed class SlotRulePickerTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [SkippableFact]
    public async Task SlotRulePagePicksWindowsAndItemsByName()
    {
        using var api = await Walker.AsAsync("admin");
        var before = (await api.GetAsync("/api/appointments/schedule?hall=qy")).Json;
        var admin = await OpenAsync("/appointments/slots?hall=qy", "admin");
        await admin.ClickAsync("#add-rule");
        var added = admin.Locator("#rule-rows tr.rule").Last;

        // The window list names each window; the items are the catalogue's, by name, none to type.
        var windowText = await added.Locator("[name=window] option").First.InnerTextAsync();
        Assert.Matches(@"窗口|\(", windowText);
        var items = added.Locator("[data-testid=rule-items] option");
        Assert.True(await items.CountAsync() > 0);
        Assert.Contains(await items.AllInnerTextsAsync(), text => text.Contains("内资公司变更登记"));
        Assert.Equal(0, await added.Locator("input[name=serviceItems], input[name=window]").CountAsync());

        await added.Locator("[data-testid=rule-items]").SelectOptionAsync(["GZ-SCJG-002"]);
        await added.Locator("[name=weekdays]").FillAsync("6");
        await admin.ClickAsync("#save-schedule");
        await Assertions.Expect(admin.Locator("#schedule-message")).ToHaveTextAsync("已保存。");
        var rules = (await api.GetAsync("/api/appointments/schedule?hall=qy")).Json["rules"]!.AsArray();
        Assert.Equal(before["rules"]!.AsArray().Count + 1, rules.Count);
        var saved = rules[^1]!;
        Assert.Equal(["GZ-SCJG-002"], saved["serviceItems"]!.AsArray().Select(i => i!.GetValue<string>()));

        // Reloaded, the saved rule shows its item picked.
        await admin.ReloadAsync();
        var picked = await admin.Locator("#rule-rows tr.rule").Last.Locator("[data-testid=rule-items] option:checked").AllInnerTextsAsync();
        Assert.Equal(["内资公司变更登记"], picked);

        // Leave the hall's configuration as it was for other tests.
        Assert.True((await api.PutAsync("/api/appointments/schedule?hall=qy", before)).Status == System.Net.HttpStatusCode.OK);
    }
}
