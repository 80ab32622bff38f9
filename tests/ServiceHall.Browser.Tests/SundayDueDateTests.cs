using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// A silo of its own whose clock stands at 10:00 on the coming Sunday (hall time) and whose calendar is plain Monday to
/// Friday (the shipped holidays and make-up days moved long into the past), so the expected due day can be counted.
/// </summary>
public sealed class SundayBrowserFixture() : BrowserFixture("servicehall-sunday")
{
    /// <summary>The coming Sunday (never today): a future clock keeps the browser's session cookie unexpired.</summary>
    public static DateOnly Sunday { get; } = HallDays.Today.AddDays(7 - (int)HallDays.Today.DayOfWeek);

    protected override IEnumerable<string> ExtraSettings =>
    [
        .. Enumerable.Range(0, 64).Select(i => $"--ServiceHall:Calendar:Holidays:{i}=2000-01-01"),
        .. Enumerable.Range(0, 16).Select(i => $"--ServiceHall:Calendar:ExtraWorkingDays:{i}={HallDays.Text(new DateOnly(2000, 1, 3).AddDays(i))}"),
        $"--ServiceHall:TestClock:Start={new DateTimeOffset(Sunday.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)):O}",
    ];
}

[CollectionDefinition(Name)]
public sealed class SundayBrowserCollection : ICollectionFixture<SundayBrowserFixture>
{
    public const string Name = "sunday-browser";
}

/// <summary>
/// Issue 22 item 8: "a case accepted on a Sunday shows its due date as 12月10日 00:00" — midnight after the last
/// working day read as a day that had not begun. The due time is that last working day, "当日内", on the case page and
/// on the board card alike.
/// </summary>
[Collection(SundayBrowserCollection.Name)]
public sealed class SundayDueDateTests(SundayBrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [SkippableFact]
    public async Task ACaseAcceptedOnASundayIsDueAtTheEndOfAWorkingDayNotAtMidnight()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        var accepted = await Walker.ActAsync(id, "clerk", "accept");

        // Three working days (the item's limit) counted from Monday: due by the end of Wednesday.
        var wednesday = SundayBrowserFixture.Sunday.AddDays(3);
        var due = accepted["sla"]!["dueAt"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(wednesday.AddDays(1).ToDateTime(TimeOnly.MinValue), due.DateTime);
        var expected = $"{wednesday.Year}年{wednesday.Month}月{wednesday.Day}日（周三）当日内";

        var page = await OpenAsync($"/cases/{id}", "clerk");
        await Assertions.Expect(page.Locator("[data-testid=sla-due]")).ToHaveTextAsync(expected);
        await ScreenshotAsync(page, "case-due-after-sunday-zh");

        await GoToAsync(page, "/board?window=");
        var countdown = page.Locator($"#card-{id} .countdown");
        await Assertions.Expect(countdown).ToHaveAttributeAsync("title", expected);

        await GoToAsync(page, $"/lang/en?returnUrl=/cases/{id}");
        await Assertions.Expect(page.Locator("[data-testid=sla-due]"))
            .ToHaveTextAsync("end of " + wednesday.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));
    }
}
