using ServiceHall.Grains.Storage;

namespace ServiceHall.TestSupport.Grains;

[GrainType("test-state-probe")]
public sealed class StateProbeGrain(
    [PersistentState("probe", StorageNames.GrainState)] IPersistentState<ProbeState> state,
    ILocalSiloDetails silo) : Grain, IStateProbeGrain, IRemindable
{
    Task<ProbeSnapshot> IStateProbeGrain.GetAsync() => Task.FromResult(Snapshot());

    async Task<ProbeSnapshot> IStateProbeGrain.AppendAsync(string entry)
    {
        state.State = state.State with { Entries = [.. state.State.Entries, entry] };
        await state.WriteStateAsync();
        return Snapshot();
    }

    Task IStateProbeGrain.ScheduleReminderAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(name, dueTime, period);

    async Task IStateProbeGrain.CancelRemindersAsync()
    {
        foreach (var reminder in await this.GetReminders())
        {
            await this.UnregisterReminder(reminder);
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State = state.State with { ReminderTicks = state.State.ReminderTicks + 1 };
        await state.WriteStateAsync();
    }

    private ProbeSnapshot Snapshot() =>
        new(state.State.Entries, state.State.ReminderTicks, state.Etag, silo.SiloAddress.ToString());
}

public sealed record ProbeState
{
    public List<string> Entries { get; init; } = [];

    public int ReminderTicks { get; init; }
}
