using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ServiceHall.Api.Pages.Stats;

/// <summary>How the page writes figures: durations in the largest sensible unit, rates as percentages, one decimal.</summary>
public static class StatsFormat
{
    private const double MinutesPerHour = 60;
    private const double MinutesPerDay = 24 * 60;

    /// <summary>"40 秒", "45 分钟", "3.5 小时", "2.1 天" (or the English units); the localizer's "none" when there is no figure.</summary>
    public static string Duration(double? minutes, IStringLocalizer text) => minutes switch
    {
        null => text["none"],
        < 1 => text["unit.seconds", Number(minutes.Value * 60)],
        < MinutesPerHour => text["unit.minutes", Number(minutes.Value)],
        < MinutesPerDay => text["unit.hours", Number(minutes.Value / MinutesPerHour)],
        _ => text["unit.days", Number(minutes.Value / MinutesPerDay)],
    };

    /// <summary>A share (0…1) as a percentage with one decimal: 0.25 → "25%", 1/3 → "33.3%".</summary>
    public static string Percent(double share) => Number(share * 100) + "%";

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The exact figure, for data attributes a reader (or a test) can compare with the API's JSON.</summary>
    public static string Exact(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
