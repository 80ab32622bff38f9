namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// <c>ServiceHall:Storage:GroupCommit</c>: whether concurrent saves of different cases on one silo may share one
/// transaction (<see cref="GroupCommitCaseStore"/>). Each save is still acknowledged only after its own commit, and a
/// save whose optimistic check fails fails alone.
/// </summary>
public sealed class GroupCommitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>At most this many saves in one transaction.</summary>
    public int MaxGroup { get; set; } = 32;

    /// <summary>
    /// Transactions in flight at once; a save that finds them all busy waits to join the next group. Zero picks the
    /// engine's own: one for SQLite (one writer at a time anyway), four for PostgreSQL (round trips overlap).
    /// </summary>
    public int Flushes { get; set; }
}
