using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 22 item 2 on the appointment pages: "/appointments and the slot-rule page show English errors". A refused
/// booking and a refused slot configuration show every error on its input, in the page's language, without field paths.
/// </summary>
[Collection(AppointmentBrowserCollection.Name)]
public sealed class AppointmentMessagesInPageLanguageTests(AppointmentBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Item = TodaysSlots.Item;

    [SkippableFact]
    public async Task ARefusedBookingInEnglishIsExplainedInEnglishOnItsFields()
    {
        var start = (await TodaysSlots.OpenAsync(Walker, "general-1"))[0];
        var page = await OpenAsync("/lang/en?returnUrl=/appointments");
        await page.SelectOptionAsync("#booking-item", Item);
        await page.FillAsync("#booking-date", HallDays.Text(HallDays.Today));
        await page.ClickAsync("#show-slots");
        await page.ClickAsync($"[data-testid=slot-general-1-{start.Replace(":", "")}]");
        await page.FillAsync("#applicant-name", "Chen");
        await page.FillAsync("#applicant-id", "12345");
        await page.FillAsync("#applicant-phone", "555");
        await page.FillAsync("#verification-code", "123456");
        await page.ClickAsync("#book-submit");

        var message = page.Locator("#booking-message");
        await Assertions.Expect(message).ToContainTextAsync("identity number", new() { Timeout = Patience });
        await Assertions.Expect(message).ToContainTextAsync("mobile number");
        await Assertions.Expect(page.Locator("#applicant-id")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#applicant-phone")).ToHaveAttributeAsync("aria-invalid", "true");
        var text = await message.InnerTextAsync();
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", text);
        Assert.DoesNotContain("applicant.", text);
    }

    [SkippableFact]
    public async Task ARefusedSlotConfigurationNamesEveryBadRuleInThePageLanguage()
    {
        await TodaysSlots.OpenAsync(Walker, "general-1");
        var admin = await OpenAsync("/appointments/slots", "admin");
        await Assertions.Expect(admin.Locator("#rule-rows tr.rule")).ToHaveCountAsync(1);
        await admin.ClickAsync("#add-rule");
        var rows = admin.Locator("#rule-rows tr.rule");
        await rows.Nth(0).Locator("[name=capacity]").FillAsync("2000");
        await rows.Nth(1).Locator("[name=window]").SelectOptionAsync("general-2");
        await rows.Nth(1).Locator("[name=slotMinutes]").FillAsync("600");
        await admin.ClickAsync("#save-schedule");

        var message = admin.Locator("#schedule-message");
        await Assertions.Expect(message).ToContainTextAsync("每个时段可约1到1000人", new() { Timeout = Patience });
        await Assertions.Expect(message).ToContainTextAsync("每个时段为5到480分钟");
        await Assertions.Expect(message).ToContainTextAsync("第2项");
        await Assertions.Expect(rows.Nth(0).Locator("[name=capacity]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(rows.Nth(1).Locator("[name=slotMinutes]")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.DoesNotContain("rules[", await message.InnerTextAsync());

        // The same refusal on the English page, in English.
        await GoToAsync(admin, "/lang/en?returnUrl=/appointments/slots");
        await rows.Nth(0).Locator("[name=capacity]").FillAsync("2000");
        await admin.ClickAsync("#save-schedule");
        await Assertions.Expect(message).ToContainTextAsync("A slot has 1 to 1000 places.", new() { Timeout = Patience });
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", await message.InnerTextAsync());
        await ScreenshotAsync(admin, "slot-rules-errors-en");
    }
}
