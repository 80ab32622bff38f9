using System.Data.Common;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// Which case a tracking code names, from the <c>case_summary</c> rows. The row is written in the case's own first
/// transaction, and the unique index on <c>tracking_code</c> (SQLite step 9, PostgreSQL V0012) refuses that transaction
/// when another case holds the code, so a code names at most one case without a write of its own.
/// </summary>
public static class CaseTrackingRows
{
    /// <summary>The id of the case holding <paramref name="trackingCode"/> (exactly as stored), or null.</summary>
    public static async Task<string?> CaseIdAsync(ICaseRowsDatabase database, string trackingCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT case_id FROM case_summary WHERE tracking_code = @code;";
        CaseSummaryRows.Add(command, "code", trackingCode);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
