using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceHall.Api.Documents;

namespace ServiceHall.Api.Pages.Cases;

/// <summary>How the case pages write times and coded names in the page's language.</summary>
public static class CaseFormat
{
    /// <summary>China time (UTC+8) whatever the server's zone: 2026年11月28日 14:05, or 2026-11-28 14:05 (UTC+8).</summary>
    public static string Time(DateTimeOffset at) => PageCultures.IsEnglish ? ChinaTime.DateAndTimeEn(at) : ChinaTime.DateAndTime(at);

    /// <summary>
    /// A statutory due time. Working-day limits end at midnight after the last working day, which read as the next
    /// (often a day off's) "00:00"; such a due time is written as that last day with its weekday and "end of day".
    /// </summary>
    public static string Due(DateTimeOffset at)
    {
        var local = ChinaTime.ToChina(at);
        if (local.TimeOfDay != TimeSpan.Zero)
        {
            return Time(at) + (PageCultures.IsEnglish ? $" ({local.ToString("ddd", CultureInfo.InvariantCulture)})" : $"（{ChineseWeekday(local.DayOfWeek)}）");
        }

        var day = local.AddDays(-1);
        return PageCultures.IsEnglish
            ? $"end of {day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)}"
            : $"{ChinaTime.Date(day)}（{ChineseWeekday(day.DayOfWeek)}）当日内";
    }

    private static string ChineseWeekday(DayOfWeek day) => "周" + "日一二三四五六"[(int)day];

    /// <summary>The machine-readable form scripts read (countdowns).</summary>
    public static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The text for <paramref name="prefix"/> + <paramref name="code"/>, or the code itself when the resources lack it (a designer's own names).</summary>
    public static string Named(this IStringLocalizer localizer, string prefix, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "";
        }

        var text = localizer[prefix + code];
        return text.ResourceNotFound ? code : text.Value;
    }

    /// <summary>
    /// Workflow step names are written "中文 English" (e.g. "窗口受理 Acceptance"); shows the page language's half, or
    /// the whole name when it is not written that way.
    /// </summary>
    public static string Bilingual(string text)
    {
        // The English half is the ASCII tail after the last non-ASCII character: "补正通知（受理）Correction at acceptance".
        var split = text.Length;
        while (split > 0 && text[split - 1] < 128)
        {
            split--;
        }

        var chinese = text[..split].Trim();
        var english = text[split..].Trim();
        if (chinese.Length == 0 || !english.Any(char.IsAsciiLetter))
        {
            return text;
        }

        return PageCultures.IsEnglish ? english : chinese;
    }
}
