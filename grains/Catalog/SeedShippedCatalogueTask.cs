namespace ServiceHall.Grains.Catalog;

/// <summary>
/// Activates the catalogue at start-up, so a silo started on an existing data folder adds the shipped items it lacks
/// (<see cref="ShippedItemsMerge"/>) before the first page or case asks for them.
/// </summary>
internal sealed class SeedShippedCatalogueTask(IGrainFactory grains) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) =>
        grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemsAsync();
}
