using Orleans.Storage;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// Why a case store refused a save, worded the same by both engines: a copy behind storage (its head moved on, or an
/// entry's position was taken) or, for a first save, a tracking code another case holds.
/// </summary>
internal static class CaseWriteConflicts
{
    /// <summary>The unique index on the board rows' tracking codes (PostgreSQL V0012, the embedded schema's step 9).</summary>
    public const string TrackingCodeIndex = "case_summary_tracking";

    /// <summary>SQLite names the column, not the index, in its message for a unique index's refusal.</summary>
    public const string TrackingCodeTaken = "UNIQUE constraint failed: case_summary.tracking_code";

    public static InconsistentStateException Stale(CaseWrite write, string why) =>
        new($"Case {write.CaseId} changed since it was read (revision {Revision(write)}): {why}; the save was rejected.",
            storedEtag: "unknown", currentEtag: Revision(write));

    public static InconsistentStateException TrackingCodeHeld(CaseWrite write) =>
        new($"Case {write.CaseId}: its tracking code belongs to another case; the save was rejected (an opening retried draws a new code).",
            storedEtag: "unknown", currentEtag: Revision(write));

    private static string Revision(CaseWrite write) => write.ExpectedRevision?.ToString() ?? "none";
}
