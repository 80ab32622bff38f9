using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

[GrainType("tracking")]
internal sealed class TrackingGrain(
    [PersistentState("tracking", StorageNames.GrainState)] IPersistentState<TrackingState> state) : Grain, ITrackingGrain
{
    async Task<bool> ITrackingGrain.AssignAsync(string caseId)
    {
        if (state.State.CaseId is { } existing)
        {
            // A code names exactly one case for ever; a collision is refused so the caller draws another code.
            return existing == caseId;
        }

        state.State = new TrackingState { CaseId = caseId };
        await state.WriteStateAsync();
        return true;
    }

    Task<string?> ITrackingGrain.GetCaseIdAsync()
    {
        if (state.State.CaseId is null)
        {
            // A code nobody holds is a typo or a guess: keeping its activation until idle collection would let
            // anyone fill the silo's memory with made-up codes.
            DeactivateOnIdle();
        }

        return Task.FromResult(state.State.CaseId);
    }
}

internal sealed record TrackingState : StoredRecord
{
    public string? CaseId { get; init; }
}
