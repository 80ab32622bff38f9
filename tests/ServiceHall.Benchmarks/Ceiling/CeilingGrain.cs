using System.Text.Json;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Benchmarks.Ceiling;

/// <summary>The trivial grain of the ceiling: each call writes its state once, nothing else.</summary>
[Alias("ServiceHall.Benchmarks.Ceiling.ICeilingGrain")]
public interface ICeilingGrain : IGrainWithIntegerKey
{
    [Alias("WriteAsync")]
    Task WriteAsync();
}

[GrainType("bench-ceiling")]
public sealed class CeilingGrain(
    [PersistentState("ceiling", StorageNames.GrainState)] IPersistentState<CeilingState> state,
    CeilingPayload payload) : Orleans.Grain, ICeilingGrain
{
    async Task ICeilingGrain.WriteAsync()
    {
        state.State.Case = payload.Case;
        state.State.Writes++;
        await state.WriteStateAsync();
    }
}

/// <summary>A counter so every write changes the row, and the case as stored by ServiceHall.</summary>
public sealed class CeilingState
{
    public long Writes { get; set; }

    public JsonElement Case { get; set; }
}

/// <summary>What every ceiling grain writes: a real stored case, so size and compressibility match ServiceHall's.</summary>
public sealed record CeilingPayload(JsonElement Case);
