namespace ServiceHall.Grains.Cases;

/// <summary>
/// One application (case) and the workflow it runs: the source of truth for the case. Every accepted command is one
/// durable write; effects (timers, index, notifications) follow it.
/// </summary>
[Alias("ServiceHall.Grains.Cases.ICaseGrain")]
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Opens the case (201) or, for a retried command with the same idempotency key, returns it again.</summary>
    [Alias("OpenAsync")]
    Task<CaseResult> OpenAsync(OpenCaseCommand command);

    /// <summary>The case as this staff member may see it, or NotFound / Forbidden.</summary>
    [Alias("GetAsync")]
    Task<CaseResult> GetAsync(CaseActor viewer);

    /// <summary>The applicant's masked view; NotFound unless <paramref name="trackingCode"/> is this case's.</summary>
    [Alias("TrackAsync")]
    Task<CaseResult> TrackAsync(string trackingCode);

    /// <summary>
    /// The latest issued document of a kind, with the case data it is printed from. Staff pass themselves as
    /// <paramref name="viewer"/>; an applicant passes the tracking code instead.
    /// </summary>
    [Alias("GetDocumentAsync")]
    Task<CaseDocumentResult> GetDocumentAsync(string kind, CaseActor? viewer, string? trackingCode);

    [Alias("ActAsync")]
    Task<CaseResult> ActAsync(CaseActionCommand command);

    /// <summary>The workflow's state and journal, for designers and admins (any case) and managers (their hall's).</summary>
    [Alias("GetWorkflowTraceAsync")]
    Task<CaseWorkflowTraceResult> GetWorkflowTraceAsync(CaseActor viewer);

    /// <summary>
    /// Sends the case's current summary to its hall's board again, for a read-model rebuild; changes nothing. With
    /// <paramref name="onlyHall"/> set, a case of another hall sends nothing. Returns the case's hall, or null when
    /// no case was opened under this id.
    /// </summary>
    [Alias("RepublishSummaryAsync")]
    Task<string?> RepublishSummaryAsync(string? onlyHall);

    /// <summary>An online application retried with the same idempotency key: the case it opened (applicant's view), or NotFound.</summary>
    [Alias("ReplayOpenAsync")]
    Task<CaseResult> ReplayOpenAsync(string idempotencyKey);

    /// <summary>One uploaded scan of this case, if <paramref name="viewer"/> (staff) may read the case.</summary>
    [Alias("FindUploadAsync")]
    Task<UploadLookup> FindUploadAsync(CaseActor viewer, string documentId);

    /// <summary>
    /// Retention removed this case's rows: drop what this activation still holds and deactivate, so the purged case
    /// is not served from memory. Harmless on a case that was never active (it activates on nothing and leaves).
    /// </summary>
    [Alias("ForgetPurgedAsync")]
    Task ForgetPurgedAsync();

    /// <summary>
    /// The SLA sweep found this case's clock due: raise every threshold it has reached since the last write (the
    /// same catch-up an activation does). Changes nothing when none is due.
    /// </summary>
    [Alias("CatchUpClockAsync")]
    Task CatchUpClockAsync();
}
