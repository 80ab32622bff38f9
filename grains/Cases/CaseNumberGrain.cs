using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

[GrainType("case-numbers")]
internal sealed class CaseNumberGrain(
    [PersistentState("case-numbers", StorageNames.GrainState)] IPersistentState<CaseNumberState> state) : Grain, ICaseNumberGrain
{
    async Task<long> ICaseNumberGrain.NextAsync()
    {
        // Written before the number is handed out: a crash can skip a number, never issue one twice.
        state.State = new CaseNumberState { Last = state.State.Last + 1 };
        await state.WriteStateAsync();
        return state.State.Last;
    }

    public static string Key(string hall, DateOnly day) => $"numbers-{hall.ToLowerInvariant()}-{day:yyyyMMdd}";
}

internal sealed record CaseNumberState : StoredRecord
{
    public long Last { get; init; }
}
