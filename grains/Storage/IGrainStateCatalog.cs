namespace ServiceHall.Grains.Storage;

/// <summary>
/// Lists which grains have state in durable storage, read straight from the store without activating a grain, so read
/// models can be rebuilt from their sources. Each storage mode registers its own.
/// </summary>
public interface IGrainStateCatalog
{
    /// <summary>
    /// Keys of the string-keyed grains of <paramref name="grainType"/> whose state <paramref name="stateName"/> is stored
    /// and not cleared, in ordinal order, starting after <paramref name="afterKey"/> (null: from the first); at most
    /// <paramref name="pageSize"/>. Pass the last key of a page to get the next one; an empty page is the end.
    /// </summary>
    Task<IReadOnlyList<string>> ListKeysAsync(
        string grainType, string stateName, string? afterKey, int pageSize, CancellationToken cancellationToken = default);
}
