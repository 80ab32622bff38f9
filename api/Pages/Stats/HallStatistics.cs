using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Consultations;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Stats;

/// <summary>
/// What the statistics page shows for one filter: the case figures exactly as <c>GET /api/stats/cases</c> returns them
/// (same grain, same arguments) and the enquiries of <c>GET /api/stats/consultations</c> summed per window.
/// </summary>
public sealed record HallStatistics(StatsFilter Filter, Hall Hall, CaseStatistics Cases, IReadOnlyDictionary<string, int> ConsultationsByWindow)
{
    /// <summary>The window key <see cref="CaseStatistics.ByWindow"/> uses for cases opened at no window (online).</summary>
    public const string NoWindow = "-";

    public int Consultations => ConsultationsByWindow.Values.Sum();

    public double? InstantAverageMinutes =>
        Cases.AverageHandlingMinutesByChannel.TryGetValue(ServiceChannels.Instant, out var minutes) ? minutes : null;

    /// <summary>The hall's windows in their configured order, then any other window the figures mention.</summary>
    public IReadOnlyList<string> Windows =>
    [
        .. Hall.Windows.Select(w => w.Code),
        .. Cases.ByWindow.Keys.Concat(ConsultationsByWindow.Keys)
            .Where(code => !Hall.Windows.Any(w => string.Equals(w.Code, code, StringComparison.OrdinalIgnoreCase)))
            .Distinct().Order(StringComparer.Ordinal),
    ];

    /// <summary>The channels in their usual order, then any other channel the figures mention.</summary>
    public IReadOnlyList<string> Channels =>
    [
        .. ServiceChannels.All,
        .. Cases.ByChannel.Keys.Concat(Cases.AverageHandlingMinutesByChannel.Keys).Except(ServiceChannels.All).Distinct().Order(StringComparer.Ordinal),
    ];

    public string? WindowName(string code, bool english) =>
        Hall.Windows.FirstOrDefault(w => string.Equals(w.Code, code, StringComparison.OrdinalIgnoreCase)) is { } window
            ? english ? window.NameEn : window.NameZh
            : null;

    public static async Task<HallStatistics> LoadAsync(IGrainFactory grains, OrganisationDirectory organisation, StatsFilter filter)
    {
        var cases = grains.GetGrain<ICaseBoardGrain>(ICaseBoardGrain.Key).StatisticsAsync(filter.Hall, filter.From, filter.To);
        var consultations = grains.GetGrain<IConsultationLogGrain>(IConsultationLogGrain.Key(filter.Hall)).CountAsync(filter.From, filter.To);
        await Task.WhenAll(cases, consultations);
        var byWindow = (await consultations).GroupBy(c => c.Window).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var withAppointments = await Api.Stats.StatsApi.WithAppointmentsAsync(grains, filter.Hall, filter.From, filter.To, await cases);
        return new HallStatistics(filter, organisation.FindHall(filter.Hall)!, withAppointments, byWindow);
    }
}
