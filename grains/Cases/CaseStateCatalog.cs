using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Cases;

/// <summary>Where case state is stored, and the paged list of stored case ids that read-model rebuilds walk.</summary>
internal static class CaseStateCatalog
{
    public const string GrainType = "case";

    public const string StateName = "case";

    /// <summary>Ids of every opened case in storage, in ordinal order after <paramref name="afterId"/>, without activating any.</summary>
    public static Task<IReadOnlyList<string>> ListCaseIdsAsync(
        this IGrainStateCatalog catalog, string? afterId, int pageSize, CancellationToken cancellationToken = default) =>
        catalog.ListKeysAsync(GrainType, StateName, afterId, pageSize, cancellationToken);
}
