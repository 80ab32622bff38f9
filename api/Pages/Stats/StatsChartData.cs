using Microsoft.Extensions.Localization;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Catalog;

namespace ServiceHall.Api.Pages.Stats;

/// <summary>
/// The JSON the page's charts draw from (embedded in the page, <c>#stats-data</c>): the API's figures untouched, plus
/// the names to show for channels and windows and the handling times already written in a readable unit.
/// </summary>
public sealed record StatsChartData(
    string Hall,
    string From,
    string To,
    CaseStatistics Cases,
    IReadOnlyDictionary<string, int> ConsultationsByWindow,
    IReadOnlyList<StatsChartData.Label> Channels,
    IReadOnlyList<StatsChartData.Label> Windows,
    IReadOnlyDictionary<string, string> HandlingText,
    string HighlightedChannel)
{
    public static StatsChartData For(HallStatistics report, IStringLocalizer<StatsPage> text, IStringLocalizer<SharedText> shared) => new(
        report.Filter.Hall,
        report.Filter.FromText,
        report.Filter.ToText,
        report.Cases,
        report.ConsultationsByWindow,
        [.. report.Channels.Select(code => new Label(code, ChannelName(code, shared)))],
        [.. report.Windows.Select(code => new Label(code, WindowName(report, code, text)))],
        report.Cases.AverageHandlingMinutesByChannel.ToDictionary(pair => pair.Key, pair => StatsFormat.Duration(pair.Value, text)),
        ServiceChannels.Instant);

    public static string ChannelName(string code, IStringLocalizer<SharedText> shared) =>
        shared["channel." + code] is { ResourceNotFound: false } name ? name : code;

    public static string WindowName(HallStatistics report, string code, IStringLocalizer<StatsPage> text) =>
        code == HallStatistics.NoWindow ? text["window.none"] : report.WindowName(code, PageCultures.IsEnglish) ?? code;

    public sealed record Label(string Code, string Name);
}
