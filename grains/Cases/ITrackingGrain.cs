namespace ServiceHall.Grains.Cases;

/// <summary>
/// Maps an applicant's tracking code (key: <c>track-{code}</c>) to the one case it opens. The code's claim is the case's
/// board row (unique by index, written in the case's first save); this grain only reads it, plus the claims earlier
/// releases stored in its own state.
/// </summary>
[Alias("ServiceHall.Grains.Cases.ITrackingGrain")]
public interface ITrackingGrain : IGrainWithStringKey
{
    /// <summary>
    /// The claim as earlier releases made it before opening (a state write per code). Opening no longer calls it; it
    /// stays for silos of the previous release during a rolling deploy.
    /// </summary>
    [Alias("AssignAsync")]
    Task<bool> AssignAsync(string caseId);

    /// <summary>The case holding the code, or null (a purged case's code no longer resolves from its board row).</summary>
    [Alias("GetCaseIdAsync")]
    Task<string?> GetCaseIdAsync();

    public static string Key(string trackingCode) => "track-" + trackingCode;
}
