using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Appointments;

[GrainType("appointment-schedule")]
internal sealed class AppointmentScheduleGrain(
    [PersistentState("appointment-schedule", StorageNames.GrainState)] IPersistentState<AppointmentScheduleState> state)
    : Grain, IAppointmentScheduleGrain
{
    Task<AppointmentSchedule> IAppointmentScheduleGrain.GetAsync() => Task.FromResult(state.State.Schedule);

    async Task<AppointmentSchedule> IAppointmentScheduleGrain.SetAsync(AppointmentSchedule schedule)
    {
        var stored = schedule with { Version = state.State.Schedule.Version + 1 };
        state.State = new AppointmentScheduleState { Schedule = stored };
        await state.WriteStateAsync();
        return stored;
    }
}

internal sealed record AppointmentScheduleState : StoredRecord
{
    public AppointmentSchedule Schedule { get; init; } = new();
}
