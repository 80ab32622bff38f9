using System.Net;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 22 item 10: "rescheduling is free text with a window code" and "确认预约 with no slot chosen does nothing and
/// says nothing". The applicant moves a booking by picking one of the offered slots (window by name), and neither the
/// booking nor the move can be confirmed before a slot is picked.
/// </summary>
[Collection(AppointmentBrowserCollection.Name)]
public sealed class AppointmentReschedulePickerTests(AppointmentBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Item = "GZ-SCJG-002";

    [SkippableFact]
    public async Task RescheduleIsASlotPickerWithWindowNamesNotFreeTextWithCodes()
    {
        var (first, second) = await ConfigureTwoWindowsAsync();
        var code = await BookAsync(first);

        var page = await OpenAsync($"/appointments?code={code}");
        var picker = page.Locator("#reschedule");
        await Assertions.Expect(picker.Locator("input[name=start], input[name=window]")).ToHaveCountAsync(0);
        // The booked slot is offered but not choosable; nothing can be confirmed before another is picked.
        var current = picker.Locator($"[data-testid=move-slot-general-1-{first.Replace(":", "")}]");
        await Assertions.Expect(current).ToBeDisabledAsync();
        await Assertions.Expect(current).ToContainTextAsync("当前预约");
        var submit = page.Locator("[data-testid=reschedule-submit]");
        await Assertions.Expect(submit).ToBeDisabledAsync();

        var other = picker.Locator($"[data-testid=move-slot-general-2-{second.Replace(":", "")}]");
        await Assertions.Expect(other).ToContainTextAsync("综合窗口2");
        Assert.DoesNotContain("general-", await picker.InnerTextAsync());
        await other.ClickAsync();
        await Assertions.Expect(page.Locator("#move-chosen")).ToContainTextAsync($"{second}，综合窗口2");
        await submit.ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=appointment-when]")).ToContainTextAsync(second, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=appointment]")).ToContainTextAsync("综合窗口2");
        await Assertions.Expect(page.Locator("[data-testid=appointment-code]")).ToHaveTextAsync(code);
    }

    [SkippableFact]
    public async Task ConfirmBookingCannotBePressedBeforeASlotIsPicked()
    {
        var (first, _) = await ConfigureTwoWindowsAsync();
        var page = await OpenAsync($"/appointments?item={Item}&date={HallDays.Text(HallDays.Today)}");
        await Assertions.Expect(page.Locator("[data-testid=slots]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#book-submit")).ToBeHiddenAsync();

        // After a reload the picked slot is gone, and so is the form with its 确认预约.
        await page.ClickAsync($"[data-testid=slot-general-1-{first.Replace(":", "")}]");
        await Assertions.Expect(page.Locator("#book-submit")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chosen-slot")).ToContainTextAsync("综合窗口1");
        await ReloadAsync(page);
        await Assertions.Expect(page.Locator("#book-submit")).ToBeHiddenAsync();

        // Even a submit forced past the hidden form says what is missing instead of nothing.
        await page.EvaluateAsync("document.getElementById('booking-form').dispatchEvent(new Event('submit', { cancelable: true }))");
        await Assertions.Expect(page.Locator("#booking-message")).ToHaveTextAsync("请先选择一个可预约的时段。");
    }

    /// <summary>A slot at general-1 in ten minutes and one at general-2 ten minutes later (hall time), 3 places each.</summary>
    private async Task<(string First, string Second)> ConfigureTwoWindowsAsync()
    {
        var start = TimeOnly.FromDateTime(HallDays.Morning.DateTime).AddMinutes(10);
        var later = start.AddMinutes(10);
        var today = HallDays.Text(HallDays.Today);
        var admin = await Walker.AsAsync("admin");
        var reply = await admin.PutAsync("/api/appointments/schedule?hall=gz", new
        {
            rules = new[]
            {
                new { window = "general-1", date = today, from = start.ToString("HH:mm"), to = later.ToString("HH:mm"), slotMinutes = 10, capacity = 3 },
                new { window = "general-2", date = today, from = later.ToString("HH:mm"), to = later.AddMinutes(10).ToString("HH:mm"), slotMinutes = 10, capacity = 3 },
            },
            cutOffMinutes = 5,
        });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return (start.ToString("HH:mm"), later.ToString("HH:mm"));
    }

    /// <summary>Books the general-1 slot through the API with a texted code; returns the appointment code.</summary>
    private async Task<string> BookAsync(string start)
    {
        var phone = PhoneCodes.NewPhone();
        var verification = await PhoneCodes.RequestAsync(Walker.Anonymous, await Walker.AsAsync("admin"), phone);
        var booked = await Walker.Anonymous.PostAsync("/api/appointments", new
        {
            hall = "gz",
            window = "general-1",
            date = HallDays.Text(HallDays.Today),
            start,
            serviceItemCode = Item,
            applicant = new { name = "王小明", idNumber = HallDays.IdNumber(417), phone },
            verificationCode = verification,
        });
        Assert.True(booked.Status == HttpStatusCode.Created, booked.ToString());
        return booked.Json["code"]!.GetValue<string>();
    }
}
