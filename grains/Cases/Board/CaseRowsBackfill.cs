using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases.Storage;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// An upgraded database has stored cases but no summary rows yet: once the silo is active, the rows are written in the
/// background from the stored cases themselves, read straight from the case store, so no case is activated and none
/// sends or changes anything. Runs only while the table is empty, so a database with rows starts with no extra work;
/// a crash needs nothing, as every row is written with its case. A row never moves back to an older version, so a
/// case that changes meanwhile, or a second silo backfilling at once, is harmless.
/// </summary>
internal sealed class CaseRowsBackfill(ICaseRowsDatabase database, IServiceProvider services, ILogger<CaseRowsBackfill> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private const int PageSize = 500;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CaseRowsBackfill), ServiceLifecycleStage.Active, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var cases = services.GetService<ICaseStore>();
            if (cases is null || (await cases.ListCaseIdsAsync(null, 1, cancellationToken)).Count == 0 || await HasRowsAsync(cancellationToken))
            {
                return;
            }

            logger.LogInformation("Stored cases have no board rows yet (an upgraded database): writing them in the background");
            // Not awaited: the silo serves meanwhile; the board fills as the rows land.
            _ = Task.Run(() => BackfillAsync(cases), CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The silo still serves; an admin can write the rows with POST /api/admin/read-models/rebuild.
            logger.LogWarning(exception, "Could not check whether the board rows need a backfill");
        }
    }

    private async Task BackfillAsync(ICaseStore cases)
    {
        var written = 0;
        try
        {
            string? after = null;
            while (true)
            {
                var ids = await cases.ListCaseIdsAsync(after, PageSize);
                foreach (var id in ids)
                {
                    if (await cases.LoadAsync(id, CaseLoad.ForActivation) is { } stored && CaseRows.Read(stored) is { Id: not null } state)
                    {
                        await database.UpsertSummaryAsync(CaseSummaryRow.Of(state));
                        written++;
                    }
                }

                if (ids.Count < PageSize)
                {
                    break;
                }

                after = ids[^1];
            }

            logger.LogInformation("Board rows backfilled for {Count} stored cases", written);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Board row backfill stopped after {Count} cases; POST /api/admin/read-models/rebuild completes it", written);
        }
    }

    private async Task<bool> HasRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM (SELECT 1 FROM case_summary LIMIT 1) AS any_row;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
