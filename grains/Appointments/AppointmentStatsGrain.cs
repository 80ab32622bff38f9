using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Appointments;

/// <summary>
/// The hall's list of months with figures, and the period totals added up over those months. Writes happen once per
/// new month, so the row stays small; the per-day counts are in <see cref="AppointmentMonthStatsGrain"/>.
/// </summary>
[GrainType("appointment-stats")]
internal sealed class AppointmentStatsGrain(
    [PersistentState("appointment-stats", StorageNames.GrainState)] IPersistentState<AppointmentStatsState> state) : Grain, IAppointmentStatsGrain
{
    async Task IAppointmentStatsGrain.AddMonthAsync(string month)
    {
        var at = state.State.Months.BinarySearch(month, StringComparer.Ordinal);
        if (at >= 0)
        {
            return;
        }

        state.State.Months.Insert(~at, month);
        await state.WriteStateAsync();
    }

    async Task<AppointmentDayCounts> IAppointmentStatsGrain.TotalsAsync(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            return new AppointmentDayCounts();
        }

        // Only months that have figures are asked, so even the API's open range (no from/to) visits a handful of grains.
        var (first, last) = (IAppointmentMonthStatsGrain.Month(from), IAppointmentMonthStatsGrain.Month(to));
        var months = state.State.Months
            .Where(m => string.CompareOrdinal(m, first) >= 0 && string.CompareOrdinal(m, last) <= 0)
            .ToHashSet(StringComparer.Ordinal);
        var legacy = state.State.Days.Values
            .Where(d => d.Date >= from && d.Date <= to)
            .GroupBy(d => IAppointmentMonthStatsGrain.Month(d.Date), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        var hall = IAppointmentStatsGrain.HallOf(this.GetPrimaryKeyString());
        var partitioned = await Task.WhenAll(months.Select(m => GrainFactory
            .GetGrain<IAppointmentMonthStatsGrain>(IAppointmentMonthStatsGrain.Key(hall, m))
            .TotalsAsync(from, to, legacy.GetValueOrDefault(m, []))));

        // Days counted before the split in months nothing has been reported to since.
        var legacyOnly = legacy.Where(l => !months.Contains(l.Key)).SelectMany(l => l.Value);
        return AppointmentDayCounts.Sum(partitioned.Concat(legacyOnly));
    }
}

internal sealed class AppointmentStatsState : StoredObject
{
    /// <summary>Months (<c>yyyy-MM</c>, sorted) whose grain has figures.</summary>
    public List<string> Months { get; set; } = [];

    /// <summary>
    /// Per-day counts written before the figures were split by month (key <c>-+window+yyyy-MM-dd</c>). Never written
    /// again; read as a fallback, the newer version winning where a month grain has the same day.
    /// </summary>
    public Dictionary<string, AppointmentDayCounts> Days { get; set; } = [];
}
