namespace ServiceHall.Grains.Cases;

/// <summary>
/// The online channel (全流程网办) on the grain: replays of an applicant's opening, and where a scan is (told only to
/// staff who may read the case).
/// </summary>
internal sealed partial class CaseGrain
{
    Task<CaseResult> ICaseGrain.ReplayOpenAsync(string idempotencyKey) =>
        Task.FromResult(state.State.Id is not null && state.State.OpenIdempotencyKey == idempotencyKey
            ? CaseResult.Created(CaseViews.Applicant(state.State), replayed: true)
            : NotFound());

    Task<UploadLookup> ICaseGrain.FindUploadAsync(CaseActor viewer, string documentId)
    {
        var current = state.State;
        if (current.Id is null)
        {
            return Task.FromResult(new UploadLookup(CaseOutcome.NotFound, null));
        }

        if (viewer.IsApplicant || !Policy.CasePolicy.CanRead(viewer, Policy.CasePlacement.From(current)))
        {
            return Task.FromResult(new UploadLookup(CaseOutcome.Forbidden, null));
        }

        var upload = current.Uploads.FirstOrDefault(u => u.DocumentId == documentId);
        return Task.FromResult(new UploadLookup(upload is null ? CaseOutcome.NotFound : CaseOutcome.Ok, upload));
    }
}
