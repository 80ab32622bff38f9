using ServiceHall.Workflows.Shipped;

namespace ServiceHall.Grains.Definitions;

/// <summary>
/// Publishes each shipped definition as version 1 the first time a silo starts on empty storage. Every silo runs it
/// at every start; the definition grain ignores the seed once any version exists, so designer edits survive restarts.
/// </summary>
internal sealed class SeedShippedDefinitionsTask(IGrainFactory grains) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) =>
        Task.WhenAll(ShippedDefinitions.DefinitionIds.Select(id =>
            grains.GetGrain<IWorkflowDefinitionGrain>(id).SeedAsync(ShippedDefinitions.Json(id))));
}
