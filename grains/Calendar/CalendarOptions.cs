namespace ServiceHall.Grains.Calendar;

/// <summary>
/// The <c>ServiceHall:Calendar</c> section: which days the hall works. Weekends are days off unless listed as extra
/// working days (调休); public holidays are days off even on weekdays. The State Council publishes the next year's
/// schedule each autumn; the hall adds it here.
/// </summary>
public sealed class CalendarOptions
{
    public const string SectionName = "ServiceHall:Calendar";

    /// <summary>The hall's UTC offset; China Standard Time has no daylight saving.</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Public holidays (days off), as dates.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Weekend days that are working days (调休上班).</summary>
    public List<DateOnly> ExtraWorkingDays { get; set; } = [];
}
