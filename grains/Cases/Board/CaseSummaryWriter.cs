using Microsoft.Extensions.Logging;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// Writes a case's summary row on its own connection, right after the case's commit. The case store will write the
/// row inside the command's transaction instead (<see cref="CaseSummaryRows.UpsertAsync"/>); until then a failed write
/// here is logged and healed by the case's next change, because the row keeps only the newest version.
/// </summary>
public sealed class CaseSummaryWriter(ICaseRowsDatabase database, ILogger<CaseSummaryWriter> logger)
{
    public async Task WriteAsync(CaseSummaryRow row, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await CaseSummaryRows.UpsertAsync(connection, null, row, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Case {Case}: its board row was not written", row.Summary.Id);
        }
    }
}
