using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Definitions;
using ServiceHall.Workflows.Shipped;

namespace ServiceHall.Grains.Hosting;

/// <summary>
/// The one start-up step for what ships with ServiceHall. Every silo runs it at every start, and both halves are
/// no-ops once done, so designer edits and catalogue changes survive restarts:
/// each shipped workflow definition is published as version 1 only while its grain has no version, and the catalogue
/// is activated so a silo started on an existing data folder adds the shipped items it lacks
/// (<see cref="ShippedItemsMerge"/>) before the first page or case asks for them.
/// </summary>
/// <remarks>
/// The board rows' backfill (<c>CaseRowsBackfill</c>) stays apart: it derives rows from stored cases in the background
/// once the silo is active, rather than seeding shipped data before it serves.
/// </remarks>
internal sealed class SeedShippedDataTask(IGrainFactory grains) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) =>
        Task.WhenAll(
            Task.WhenAll(ShippedDefinitions.DefinitionIds.Select(id =>
                grains.GetGrain<IWorkflowDefinitionGrain>(id).SeedAsync(ShippedDefinitions.Json(id)))),
            grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemsAsync());
}
