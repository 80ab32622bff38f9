using System.Text.Json;
using Orleans.TestingHost;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Tests.Catalog;

/// <summary>One embedded-storage cluster per test class; each test takes a catalogue of its own (a fresh key), so edits never leak between tests.</summary>
public sealed class CatalogClusterFixture : IAsyncLifetime
{
    private readonly EmbeddedClusterFactory _factory = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ICatalogGrain NewCatalog() =>
        Cluster.Client.GetGrain<ICatalogGrain>("catalog-test-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => Cluster = await _factory.StartAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _factory.Dispose();
    }

    /// <summary>Records compare lists by reference; the stored JSON is what must match.</summary>
    public static string Json(object? value) => JsonSerializer.Serialize(value, StableJsonGrainStorageSerializer.Options);
}
