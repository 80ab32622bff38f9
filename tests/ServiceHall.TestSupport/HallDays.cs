using System.Globalization;

namespace ServiceHall.TestSupport;

/// <summary>
/// The hall's calendar days for tests that book appointments against a silo on the real clock: today in UTC+8, and
/// settings that make today and the next days working days, so a test run on a weekend still has slots.
/// </summary>
public static class HallDays
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset LocalNow => DateTimeOffset.UtcNow.ToOffset(Offset);

    public static DateOnly Today => DateOnly.FromDateTime(LocalNow.DateTime);

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
