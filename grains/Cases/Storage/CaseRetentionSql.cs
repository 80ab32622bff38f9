using System.Text.Json;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>What the SQLite and PostgreSQL case stores share for retention: the closed-case condition and reading upload ids.</summary>
internal static class CaseRetentionSql
{
    /// <summary>
    /// A board row retention may act on: closed (never an open case, whatever its closing time says) before the cutoff
    /// (UTC ticks, parameter <c>cutoff</c>). Served by the <c>case_summary_closed</c> index.
    /// </summary>
    public const string ClosedBefore = "is_open = 0 AND closed_at IS NOT NULL AND closed_at < {0}cutoff";

    /// <summary>The document-store id of a stored <c>case_upload</c> entry.</summary>
    public static string DocumentId(string entry) =>
        JsonSerializer.Deserialize<UploadedMaterial>(entry, StableJsonGrainStorageSerializer.Options)!.DocumentId;
}
