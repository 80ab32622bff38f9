using System.Globalization;

namespace ServiceHall.TestSupport;

/// <summary>
/// The hall's calendar for tests that book appointments: one morning per test run and settings that make that day and
/// the next ones working days, so a run on a weekend or a holiday still has slots.
/// </summary>
/// <remarks>
/// Silos that book "today" run on the test clock started at <see cref="Morning"/>, never on the wall clock: a run that
/// began late in the hall's evening (after 15:50 UTC) had no slot left "a few minutes from now" before midnight, and a
/// run across midnight would see "today" change between arranging a slot and checking in.
/// </remarks>
public static class HallDays
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>10:00 in the hall (UTC+8) on the day the test run started: where the appointment silos' test clocks start.</summary>
    public static DateTimeOffset Morning { get; } =
        new(DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Offset).DateTime).ToDateTime(new TimeOnly(10, 0)), Offset);

    public static DateOnly Today => DateOnly.FromDateTime(Morning.DateTime);

    /// <summary>The silo argument that starts its test clock at <see cref="Morning"/>.</summary>
    public static string MorningClockSetting => $"--ServiceHall:TestClock:Start={Morning:O}";

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Silo arguments that make today and the next <paramref name="days"/> working days: the shipped public holidays are
    /// overwritten with one date long past (a test run on 1 October still has slots), and weekend days among them are
    /// added as extra working days at high indexes, after the shipped list.
    /// </summary>
    public static IEnumerable<string> WorkingDaySettings(int days = 3)
    {
        for (var i = 0; i < 64; i++)
        {
            yield return $"--ServiceHall:Calendar:Holidays:{i}=2000-01-01";
        }

        var index = 50;
        for (var i = 0; i <= days; i++)
        {
            var date = Today.AddDays(i);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                yield return $"--ServiceHall:Calendar:ExtraWorkingDays:{index++}={Text(date)}";
            }
        }
    }

    /// <summary>A valid resident identity number (mod-11 check character), distinct for each <paramref name="n"/> below 1000.</summary>
    public static string IdNumber(int n)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var body = $"44010619900307{n % 1000:D3}";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * weights[i];
        }

        return body + "10X98765432"[sum % 11];
    }
}
