namespace ServiceHall.Grains.Cases;

/// <summary>Maps an applicant's tracking code (key: <c>track-{code}</c>) to the one case it opens.</summary>
[Alias("ServiceHall.Grains.Cases.ITrackingGrain")]
public interface ITrackingGrain : IGrainWithStringKey
{
    [Alias("AssignAsync")]
    Task<bool> AssignAsync(string caseId);

    [Alias("GetCaseIdAsync")]
    Task<string?> GetCaseIdAsync();

    public static string Key(string trackingCode) => "track-" + trackingCode;
}
