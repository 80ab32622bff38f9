namespace ServiceHall.TestSupport.Grains;

/// <summary>A test grain whose persisted state and reminder ticks the storage tests inspect.</summary>
[Alias("ServiceHall.TestSupport.Grains.IStateProbeGrain")]
public interface IStateProbeGrain : IGrainWithStringKey
{
    [Alias("GetAsync")]
    Task<ProbeSnapshot> GetAsync();

    [Alias("AppendAsync")]
    Task<ProbeSnapshot> AppendAsync(string entry);

    /// <summary>Registers a durable reminder; each tick is counted in the persisted state.</summary>
    [Alias("ScheduleReminderAsync")]
    Task ScheduleReminderAsync(string name, TimeSpan dueTime, TimeSpan period);

    [Alias("CancelRemindersAsync")]
    Task CancelRemindersAsync();
}

[GenerateSerializer, Immutable, Alias("ServiceHall.TestSupport.Grains.ProbeSnapshot")]
public sealed record ProbeSnapshot(
    [property: Id(0)] IReadOnlyList<string> Entries,
    [property: Id(1)] int ReminderTicks,
    [property: Id(2)] string? ETag,
    [property: Id(3)] string Silo);
