using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Appointments;

[GrainType("appointment-code")]
internal sealed class AppointmentCodeGrain(
    [PersistentState("appointment-code", StorageNames.GrainState)] IPersistentState<AppointmentCodeState> state) : Grain, IAppointmentCodeGrain
{
    async Task<bool> IAppointmentCodeGrain.AssignAsync(string dayKey)
    {
        if (state.State.DayKey is { } existing)
        {
            return existing == dayKey;
        }

        state.State = new AppointmentCodeState { DayKey = dayKey };
        await state.WriteStateAsync();
        return true;
    }

    async Task IAppointmentCodeGrain.MoveAsync(string dayKey)
    {
        if (state.State.DayKey != dayKey)
        {
            state.State = new AppointmentCodeState { DayKey = dayKey };
            await state.WriteStateAsync();
        }
    }

    Task<string?> IAppointmentCodeGrain.GetDayAsync() => Task.FromResult(state.State.DayKey);
}

internal sealed record AppointmentCodeState : StoredRecord
{
    public string? DayKey { get; init; }
}
