using Microsoft.Extensions.Logging;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// The rebuild path: writes a case's summary row on its own (outside a case save) when a backfill or an admin repair asks the
/// case to republish it. Commands never come here: the case store writes the row in the command's own transaction
/// (<see cref="CaseSummaryRows.UpsertAsync"/>). A failed write is logged and healed by the case's next change or the
/// next repair, because the row keeps only the newest version.
/// </summary>
public sealed class CaseSummaryWriter(ICaseRowsDatabase database, ILogger<CaseSummaryWriter> logger)
{
    public async Task WriteAsync(CaseSummaryRow row, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.UpsertSummaryAsync(row, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Case {Case}: its board row was not written", row.Summary.Id);
        }
    }

    /// <summary>
    /// Sets the SLA wake time on the case's row if the row is at <paramref name="version"/> (a newer write carries its own).
    /// For a case stored before the row had one: the sweep can then find it without a new version of the case. False
    /// when the row is not at that version (not written yet, or by another copy of the case): nothing was set.
    /// Failures are the caller's to handle.
    /// </summary>
    public async Task<bool> WriteWakeAsync(string caseId, long version, DateTimeOffset? wakeAt, CancellationToken cancellationToken = default)
    {
        var changed = 0;
        await database.WriteAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE case_summary SET sla_wake_at = @wake WHERE case_id = @case AND version = @version;";
            CaseSummaryRows.Add(command, "wake", wakeAt?.UtcTicks);
            CaseSummaryRows.Add(command, "case", caseId);
            CaseSummaryRows.Add(command, "version", version);
            changed = await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
        return changed == 1;
    }
}
