using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Finds a case by its tracking code (key <c>track-{code}</c>). Cases opened since issue 20 hold their code only in
/// their board row (<see cref="CaseTrackingRows"/>, unique by index); earlier releases claimed each code in this grain's
/// own state, which is still read so their codes keep working.
/// </summary>
[GrainType("tracking")]
internal sealed class TrackingGrain(
    [PersistentState("tracking", StorageNames.GrainState)] IPersistentState<TrackingState> state,
    ICaseRowsDatabase rows) : Grain, ITrackingGrain
{
    // Kept for silos of the previous release during a rolling deploy, which still claim codes here before opening.
    // Their cases' board rows hold the code too, so the unique index guards those codes as well.
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

    async Task<string?> ITrackingGrain.GetCaseIdAsync()
    {
        // Read on every call, not kept: a purged case's row is gone, and its code must stop naming it at once.
        var caseId = state.State.CaseId
            ?? await CaseTrackingRows.CaseIdAsync(rows, this.GetPrimaryKeyString()[ITrackingGrain.Key("").Length..]);
        if (caseId is null)
        {
            // A code nobody holds is a typo or a guess: keeping its activation until idle collection would let
            // anyone fill the silo's memory with made-up codes.
            DeactivateOnIdle();
        }

        return caseId;
    }
}

internal sealed record TrackingState : StoredRecord
{
    public string? CaseId { get; init; }
}
