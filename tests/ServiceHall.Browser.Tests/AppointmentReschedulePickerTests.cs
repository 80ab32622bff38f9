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
    private const string Item = TodaysSlots.Item;

    [SkippableFact]
    public async Task RescheduleIsASlotPickerWithWindowNamesNotFreeTextWithCodes()
    {
        var (first, second) = await TwoWindowsAsync();
        var code = await TodaysSlots.BookAsync(Walker, "general-1", first);

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

        // Issue 22 item 3: the texted move and the admin's outbox name the window and the message kind, never codes.
        var outbox = await OpenAsync("/admin/outbox", "admin");
        var moved = outbox.Locator("[data-testid=outbox-message][data-template=appointment-rescheduled]").Filter(new() { HasText = code });
        // The SMS is sent after the move is stored; the page is a snapshot, so look again until it is there.
        var deadline = DateTime.UtcNow.AddMilliseconds(Patience);
        while (await moved.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await ReloadAsync(outbox);
        }
        await Assertions.Expect(moved.Locator("[data-testid=outbox-kind]")).ToHaveTextAsync("预约改期");
        await Assertions.Expect(moved.Locator("[data-testid=outbox-text]")).ToContainTextAsync("综合窗口2");
        Assert.DoesNotContain("general-", await moved.InnerTextAsync());
        Assert.DoesNotContain("verification-code", await outbox.Locator("[data-testid=outbox]").InnerTextAsync());
    }

    [SkippableFact]
    public async Task ConfirmBookingCannotBePressedBeforeASlotIsPicked()
    {
        var (first, _) = await TwoWindowsAsync();
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

    /// <summary>A slot at general-1 in ten minutes and one at general-2 ten minutes later (hall time).</summary>
    private async Task<(string First, string Second)> TwoWindowsAsync()
    {
        var starts = await TodaysSlots.OpenAsync(Walker, "general-1", "general-2");
        return (starts[0], starts[1]);
    }
}
