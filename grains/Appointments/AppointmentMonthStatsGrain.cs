using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Appointments;

/// <summary>One hall's per-window, per-day counts for one calendar month: a report rewrites at most a month's days.</summary>
[GrainType("appointment-stats-month")]
internal sealed class AppointmentMonthStatsGrain(
    [PersistentState("appointment-stats-month", StorageNames.GrainState)] IPersistentState<AppointmentMonthStatsState> state) : Grain, IAppointmentMonthStatsGrain
{
    async Task IAppointmentMonthStatsGrain.ReportAsync(AppointmentDayCounts counts)
    {
        var (hall, month) = IAppointmentMonthStatsGrain.ParseKey(this.GetPrimaryKeyString());
        if (IAppointmentMonthStatsGrain.Month(counts.Date) != month)
        {
            throw new ArgumentException($"{counts.Date:yyyy-MM-dd} is not in {month}.", nameof(counts));
        }

        var key = DayKey(counts);
        if (state.State.Days.TryGetValue(key, out var known) && known.Version >= counts.Version)
        {
            return;
        }

        // Listed before the first write, so the hall's totals never miss a month that has figures; listing twice is harmless.
        if (!state.State.Listed)
        {
            await GrainFactory.GetGrain<IAppointmentStatsGrain>(IAppointmentStatsGrain.Key(hall)).AddMonthAsync(month);
            state.State.Listed = true;
        }

        state.State.Days[key] = counts;
        await state.WriteStateAsync();
    }

    Task<AppointmentDayCounts> IAppointmentMonthStatsGrain.TotalsAsync(DateOnly from, DateOnly to, AppointmentDayCounts[] legacy)
    {
        var days = state.State.Days.Values.Where(d => d.Date >= from && d.Date <= to).ToDictionary(DayKey);
        foreach (var old in legacy.Where(d => d.Date >= from && d.Date <= to))
        {
            if (!days.TryGetValue(DayKey(old), out var kept) || kept.Version < old.Version)
            {
                days[DayKey(old)] = old;
            }
        }

        return Task.FromResult(AppointmentDayCounts.Sum(days.Values));
    }

    // The same form the hall-wide figures used, so a legacy day and its month entry are recognised as one.
    private static string DayKey(AppointmentDayCounts counts) => AppointmentKeys.Day("-", counts.Window, counts.Date);
}

internal sealed class AppointmentMonthStatsState : StoredObject
{
    /// <summary>Per window and day of this month (key <c>-+window+yyyy-MM-dd</c>).</summary>
    public Dictionary<string, AppointmentDayCounts> Days { get; set; } = [];

    /// <summary>The hall grain lists this month.</summary>
    public bool Listed { get; set; }
}
