using System.Globalization;

namespace ServiceHall.Api.Documents;

/// <summary>
/// Dates as the hall prints them: China Standard Time (UTC+8, no daylight saving), whatever zone the server runs in,
/// so a document printed in a UTC container shows the same day as the applicant's calendar.
/// </summary>
public static class ChinaTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>2026年11月28日</summary>
    public static string Date(DateTimeOffset instant) =>
        ToChina(instant).ToString("yyyy'年'M'月'd'日'", CultureInfo.InvariantCulture);

    /// <summary>2026年11月28日 14:05</summary>
    public static string DateAndTime(DateTimeOffset instant) =>
        ToChina(instant).ToString("yyyy'年'M'月'd'日' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>2026-11-28 14:05 (UTC+8)</summary>
    public static string DateAndTimeEn(DateTimeOffset instant) =>
        ToChina(instant).ToString("yyyy-MM-dd HH:mm '(UTC+8)'", CultureInfo.InvariantCulture);
}
