using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Appointments;

[GrainType("appointment-stats")]
internal sealed class AppointmentStatsGrain(
    [PersistentState("appointment-stats", StorageNames.GrainState)] IPersistentState<AppointmentStatsState> state) : Grain, IAppointmentStatsGrain
{
    async Task IAppointmentStatsGrain.ReportAsync(AppointmentDayCounts counts)
    {
        var key = AppointmentKeys.Day("-", counts.Window, counts.Date);
        if (state.State.Days.TryGetValue(key, out var known) && known.Version >= counts.Version)
        {
            return;
        }

        state.State.Days[key] = counts;
        await state.WriteStateAsync();
    }

    Task<AppointmentDayCounts> IAppointmentStatsGrain.TotalsAsync(DateOnly from, DateOnly to)
    {
        var days = state.State.Days.Values.Where(d => d.Date >= from && d.Date <= to).ToList();
        return Task.FromResult(new AppointmentDayCounts
        {
            Booked = days.Sum(d => d.Booked),
            CheckedIn = days.Sum(d => d.CheckedIn),
            NoShows = days.Sum(d => d.NoShows),
            Cancelled = days.Sum(d => d.Cancelled),
        });
    }
}

internal sealed class AppointmentStatsState
{
    public Dictionary<string, AppointmentDayCounts> Days { get; set; } = [];
}
