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
}
