using System.Globalization;
using ServiceHall.Api.Pages.Cases;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 22 item 8: a working-day limit ends at midnight after its last working day; shown as "12月10日 00:00" it read
/// as a day (often a day off) that had not begun.
/// </summary>
public sealed class DueTimeFormatTests
{
    [Theory]
    [InlineData("zh-CN", "2026-12-10T00:00:00+08:00", "2026年12月9日（周三）当日内")]
    [InlineData("en", "2026-12-10T00:00:00+08:00", "end of Wed 9 Dec 2026")]
    [InlineData("zh-CN", "2026-12-09T16:00:00Z", "2026年12月9日（周三）当日内")]
    [InlineData("zh-CN", "2026-12-09T14:30:00+08:00", "2026年12月9日 14:30（周三）")]
    public void ADueTimeAtMidnightIsTheEndOfTheLastWorkingDay(string culture, string due, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(expected, CaseFormat.Due(DateTimeOffset.Parse(due, CultureInfo.InvariantCulture)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
