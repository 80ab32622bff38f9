using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases.Storage;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// An upgraded database has stored cases but no summary rows yet: once the silo is active, every stored case is asked
/// (in the background, a bounded number at a time) to write its row. Runs only while the table is empty, so a
/// database that already has rows starts with no extra work; a crash needs nothing, as every row is written with its
/// case.
/// </summary>
internal sealed class CaseRowsBackfill(
    ICaseRowsDatabase database, IServiceProvider services, IGrainFactory grains, ILogger<CaseRowsBackfill> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
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
            await grains.GetGrain<IReadModelRebuildGrain>(IReadModelRebuildGrain.Key(null)).RequestAsync();
        }
        catch (Exception exception)
        {
            // The silo still serves; an admin can run the same backfill with POST /api/admin/read-models/rebuild.
            logger.LogWarning(exception, "Could not check whether the board rows need a backfill");
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
