using Microsoft.Extensions.Options;

namespace ServiceHall.Grains.Calendar;

/// <summary>
/// Working time on the hall's calendar. A working day counts in full, from local midnight to midnight, and a day
/// off not at all; so "N working days" from an instant ends at the same local time N working days later, and a
/// pause shifts it by exactly the working time paused.
/// </summary>
public sealed class WorkingCalendar
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _extraWorkingDays;

    public WorkingCalendar(IOptions<CalendarOptions> options)
        : this(options.Value)
    {
    }

    public WorkingCalendar(CalendarOptions options)
    {
        Offset = options.UtcOffset;
        _holidays = [.. options.Holidays];
        _extraWorkingDays = [.. options.ExtraWorkingDays];
        var both = _holidays.Intersect(_extraWorkingDays).ToList();
        if (both.Count > 0)
        {
            throw new InvalidOperationException(
                $"ServiceHall:Calendar lists {string.Join(", ", both)} both as a holiday and as an extra working day.");
        }
    }

    public TimeSpan Offset { get; }

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public bool IsWorkingDay(DateOnly date) =>
        _extraWorkingDays.Contains(date)
        || (!_holidays.Contains(date) && date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday);

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        var cursor = from;
        while (cursor < to)
        {
            var dayEnd = StartOf(LocalDate(cursor).AddDays(1));
            var sliceEnd = dayEnd < to ? dayEnd : to;
            if (IsWorkingDay(LocalDate(cursor)))
            {
                total += sliceEnd - cursor;
            }

            cursor = sliceEnd;
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="workingTime"/> of working time has passed since <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan workingTime)
    {
        var remaining = workingTime;
        var cursor = from;
        // A year of days off in a row would be a configuration error; stop rather than loop for ever.
        for (var guard = 0; guard < 3660; guard++)
        {
            var dayEnd = StartOf(LocalDate(cursor).AddDays(1));
            if (IsWorkingDay(LocalDate(cursor)))
            {
                var available = dayEnd - cursor;
                if (remaining <= available)
                {
                    return cursor + remaining;
                }

                remaining -= available;
            }

            cursor = dayEnd;
        }

        throw new InvalidOperationException("The calendar has no working day within ten years.");
    }

    /// <summary><paramref name="days"/> full working days after <paramref name="from"/> (the same local time, days off skipped).</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days) => AddWorkingTime(from, days * Day);

    private DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);
}
