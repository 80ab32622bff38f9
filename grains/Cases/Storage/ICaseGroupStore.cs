namespace ServiceHall.Grains.Cases.Storage;

/// <summary>A case store that can write the saves of several cases in one transaction (group commit).</summary>
internal interface ICaseGroupStore
{
    /// <summary>
    /// Writes <paramref name="writes"/> in one transaction and commits it once. A write whose optimistic check fails
    /// (head not at its expected revision, or an entry's position taken) is left out and the others commit without it:
    /// its slot in the answer holds its <see cref="Orleans.Storage.InconsistentStateException"/> (or, when the store had
    /// to fall back to saving one case at a time, that save's own failure); a committed write's slot is null. Any other
    /// failure throws, and then nothing of the group was committed.
    /// </summary>
    Task<IReadOnlyList<Exception?>> SaveGroupAsync(IReadOnlyList<CaseWrite> writes, CancellationToken cancellationToken = default);
}
