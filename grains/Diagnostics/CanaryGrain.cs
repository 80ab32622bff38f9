using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Diagnostics;

[GrainType("canary")]
internal sealed class CanaryGrain(
    [PersistentState("canary", StorageNames.GrainState)] IPersistentState<CanaryState> state,
    ILocalSiloDetails silo) : Grain, ICanaryGrain
{
    async Task<CanaryReport> ICanaryGrain.TouchAsync()
    {
        state.State = state.State with { Count = state.State.Count + 1 };
        await state.WriteStateAsync();
        return Report();
    }

    Task<CanaryReport> ICanaryGrain.GetAsync() => Task.FromResult(Report());

    private CanaryReport Report() =>
        new(state.State.Count, silo.SiloAddress.ToString(), silo.SiloAddress.Endpoint.Port);
}

/// <summary>Stored as JSON <c>{"count": n}</c>.</summary>
internal sealed record CanaryState : StoredRecord
{
    public long Count { get; init; }
}
