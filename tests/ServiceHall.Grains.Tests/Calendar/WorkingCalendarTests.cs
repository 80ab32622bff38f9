using ServiceHall.Grains.Calendar;

namespace ServiceHall.Grains.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // October 2026: National Day holidays 1–7 October, Saturday 10 October worked in exchange (调休).
    private readonly WorkingCalendar _calendar = new(new CalendarOptions
    {
        Holidays = [.. Enumerable.Range(1, 7).Select(day => new DateOnly(2026, 10, day))],
        ExtraWorkingDays = [new DateOnly(2026, 10, 10)],
    });

    private static DateTimeOffset At(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    [Fact]
    public void WeekendsHolidaysAndExchangedSaturdaysAreClassified()
    {
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2026, 9, 30)));   // Wednesday
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));  // holiday, a Thursday
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 10, 4)));  // holiday on a Sunday
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));  // 调休 Saturday
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 10, 11))); // Sunday
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 10, 17))); // an ordinary Saturday
    }

    [Fact]
    public void ADueDateAcrossAWeekendSkipsIt()
    {
        // Friday 11 September 14:00 + 2 working days = Tuesday 15 September 14:00.
        Assert.Equal(At(9, 15, 14), _calendar.AddWorkingDays(At(9, 11, 14), 2));
    }

    [Fact]
    public void ADueDateAcrossTheHolidayAndTheExchangedSaturday()
    {
        // Wednesday 30 September 10:00 + 3 working days: Oct 1–7 off, Thu 8, Fri 9, Sat 10 (调休) count → Sat 10 October 10:00.
        Assert.Equal(At(10, 10, 10), _calendar.AddWorkingDays(At(9, 30, 10), 3));
        // + 4 working days: Sunday 11 is off, so Monday 12 October 10:00.
        Assert.Equal(At(10, 12, 10), _calendar.AddWorkingDays(At(9, 30, 10), 4));
    }

    [Fact]
    public void StartingOnADayOffCountsFromTheNextWorkingMorning()
    {
        Assert.Equal(At(10, 10, 0), _calendar.AddWorkingDays(At(10, 3, 15, 30), 2));
    }

    [Fact]
    public void WorkingTimeBetweenIsTheInverseOfAddingIt()
    {
        var from = At(9, 28, 16, 45);
        foreach (var hours in new[] { 1, 7, 24, 30, 55, 100, 170 })
        {
            var to = _calendar.AddWorkingTime(from, TimeSpan.FromHours(hours));
            Assert.Equal(TimeSpan.FromHours(hours), _calendar.WorkingTimeBetween(from, to));
        }

        Assert.Equal(TimeSpan.Zero, _calendar.WorkingTimeBetween(At(10, 1), At(10, 8)));
    }

    [Fact]
    public void ADateBothHolidayAndWorkingDayIsAConfigurationError()
    {
        var options = new CalendarOptions { Holidays = [new DateOnly(2026, 10, 10)], ExtraWorkingDays = [new DateOnly(2026, 10, 10)] };
        var error = Assert.Throws<InvalidOperationException>(() => new WorkingCalendar(options));
        Assert.Contains("2026", error.Message);
    }
}
