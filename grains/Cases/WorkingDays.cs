namespace ServiceHall.Grains.Cases;

/// <summary>
/// Statutory time limits count working days in the hall's time zone (China Standard Time, UTC+8, no daylight
/// saving). Weekends only for now; the configurable holiday calendar replaces this with the clocks issue.
/// </summary>
public static class WorkingDays
{
    public static readonly TimeSpan HallOffset = TimeSpan.FromHours(8);

    public static DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(HallOffset).DateTime);

    /// <summary>The end of the <paramref name="days"/>-th working day after <paramref name="start"/>'s day.</summary>
    public static DateTimeOffset DueAfter(DateTimeOffset start, int days)
    {
        var date = LocalDate(start);
        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                counted++;
            }
        }

        return new DateTimeOffset(date.ToDateTime(new TimeOnly(17, 30)), HallOffset);
    }
}
