using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// A silo (and browser) of the appointment tests' own: its calendar makes today a working day (so a run on a weekend
/// still has slots), which must not move the SLA dates other browser tests see, and its clock stands at 10:00 hall time
/// (a slot "in ten minutes" exists whenever the tests run).
/// </summary>
public sealed class AppointmentBrowserFixture() : BrowserFixture("servicehall-appointments")
{
    protected override IEnumerable<string> ExtraSettings => [.. HallDays.WorkingDaySettings(), HallDays.MorningClockSetting];
}

[CollectionDefinition(Name)]
public sealed class AppointmentBrowserCollection : ICollectionFixture<AppointmentBrowserFixture>
{
    public const string Name = "appointments-browser";
}

/// <summary>An applicant books from the page, the clerk checks them in from the day's list, and the case is on the board.</summary>
[Collection(AppointmentBrowserCollection.Name)]
public sealed class AppointmentPageTests(AppointmentBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Item = TodaysSlots.Item;

    [SkippableFact]
    public async Task AnApplicantBooksTheClerkChecksThemInAndTheCaseAppearsOnTheBoard()
    {
        var start = (await TodaysSlots.OpenAsync(Walker, "general-1"))[0];

        // The applicant: item → date → slot → details → the phone proved with a texted code → confirmation with the code.
        var applicant = await OpenAsync("/appointments");
        await applicant.SelectOptionAsync("#booking-item", Item);
        await applicant.FillAsync("#booking-date", HallDays.Text(HallDays.Today));
        await applicant.ClickAsync("#show-slots");
        var slot = applicant.Locator($"[data-testid=slot-general-1-{start.Replace(":", "")}]");
        await Assertions.Expect(slot).ToContainTextAsync("余 3 个名额");
        await slot.ClickAsync();
        var phone = PhoneCodes.NewPhone();
        await applicant.FillAsync("#applicant-name", "王小明");
        await applicant.FillAsync("#applicant-id", HallDays.IdNumber(321));
        await applicant.FillAsync("#applicant-phone", phone);

        // A wrong code is refused on the page; the texted one (read from the embedded outbox, the phone's stand-in) books.
        await applicant.ClickAsync("[data-testid=send-code]");
        await Assertions.Expect(applicant.Locator("#code-status")).ToContainTextAsync("验证码已发送", new() { Timeout = 10000 });
        var code = await PhoneCodes.LatestAsync(await Walker.AsAsync("admin"), phone);
        await applicant.FillAsync("#verification-code", code == "000000" ? "111111" : "000000");
        await applicant.ClickAsync("#book-submit");
        await Assertions.Expect(applicant.Locator("#booking-message")).ToContainTextAsync("验证码错误");
        await Assertions.Expect(applicant.Locator("#verification-code")).ToHaveAttributeAsync("aria-invalid", "true");
        await applicant.FillAsync("#verification-code", code);
        await applicant.ClickAsync("#book-submit");
        await WaitForUrlAsync(applicant, url => url.AbsolutePath == "/appointments" && url.Query.StartsWith("?code=", StringComparison.Ordinal));
        var appointmentCode = (await applicant.InnerTextAsync("[data-testid=appointment-code]")).Trim();
        Assert.StartsWith("YY", appointmentCode);
        await Assertions.Expect(applicant.Locator("[data-testid=appointment-status]")).ToHaveTextAsync("已预约");
        await Assertions.Expect(applicant.Locator("[data-testid=appointment-when]")).ToContainTextAsync(start);
        await ScreenshotAsync(applicant, "appointment-booked-zh");

        // The clerk: today's list at their window shows the booking; check-in opens the case page.
        var clerk = await OpenAsync("/appointments/today", "clerk");
        var row = clerk.Locator($"[data-testid=appointment-{appointmentCode}]");
        await Assertions.Expect(row).ToContainTextAsync("待到场");
        await Assertions.Expect(row).ToContainTextAsync("王小明");
        await ScreenshotAsync(clerk, "appointments-today-zh");
        await row.Locator("[data-testid=check-in]").ClickAsync();
        await WaitForUrlAsync(clerk, url => url.AbsolutePath.StartsWith("/cases/case-", StringComparison.Ordinal));
        var caseId = new Uri(clerk.Url).AbsolutePath.Split('/').Last();

        // The board: the new case waits for acceptance.
        await GoToAsync(clerk, "/board");
        var card = clerk.Locator($"[data-testid=column-acceptance] #card-{caseId}");
        await Assertions.Expect(card).ToBeVisibleAsync();
        Assert.Contains("王小明", await card.InnerTextAsync());
        await ScreenshotAsync(clerk, "appointment-case-on-board-zh");

        // Back in the list the appointment is checked in and links its case; the applicant sees it too.
        await GoToAsync(clerk, "/appointments/today");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "checked-in");
        await Assertions.Expect(row.Locator("[data-testid=case-link]")).ToHaveAttributeAsync("href", $"/cases/{caseId}");
        await ReloadAsync(applicant);
        await Assertions.Expect(applicant.Locator("[data-testid=appointment-status]")).ToHaveTextAsync("已到场签到");
    }

    [SkippableFact]
    public async Task ARefusedBookingSaysWhyAndTheAdminPageEditsTheSlots()
    {
        var start = (await TodaysSlots.OpenAsync(Walker, "general-1"))[0];
        var applicant = await OpenAsync($"/appointments?item={Item}&date={HallDays.Text(HallDays.Today)}");
        await applicant.ClickAsync($"[data-testid=slot-general-1-{start.Replace(":", "")}]");
        await applicant.FillAsync("#applicant-name", "王小明");
        await applicant.FillAsync("#applicant-id", "440106199003071230");
        await applicant.FillAsync("#applicant-phone", PhoneCodes.NewPhone());

        // The form asks for a code; the malformed ID number is refused before any code is checked.
        await applicant.FillAsync("#verification-code", "123456");
        await applicant.ClickAsync("#book-submit");
        await Assertions.Expect(applicant.Locator("#booking-message")).ToContainTextAsync("身份证号码");
        await Assertions.Expect(applicant.Locator("#applicant-id")).ToHaveAttributeAsync("aria-invalid", "true");

        var admin = await OpenAsync("/appointments/slots", "admin");
        await Assertions.Expect(admin.Locator("#rule-rows tr.rule")).ToHaveCountAsync(1);
        await admin.ClickAsync("#add-rule");
        var added = admin.Locator("#rule-rows tr.rule").Nth(1);
        await added.Locator("[name=window]").SelectOptionAsync("general-2");
        await added.Locator("[name=weekdays]").FillAsync("1,2,3,4,5");
        await added.Locator("[name=capacity]").FillAsync("4");
        await admin.ClickAsync("#save-schedule");
        await Assertions.Expect(admin.Locator("#schedule-message")).ToHaveTextAsync("已保存。");
        var stored = (await (await Walker.AsAsync("admin")).GetAsync("/api/appointments/schedule?hall=gz")).Json["rules"]!.AsArray();
        Assert.Equal(2, stored.Count);
        Assert.Contains(stored, r => r!["window"]!.GetValue<string>() == "general-2" && r["capacity"]!.GetValue<int>() == 4);

        var clerk = await OpenAsync("/appointments/slots", "clerk");
        await Assertions.Expect(clerk.Locator("[data-testid=slots-forbidden]")).ToBeVisibleAsync();
    }
}
