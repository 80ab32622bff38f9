using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Hosting;
using ServiceHall.Grains.Time;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests.Definitions;

/// <summary>
/// One-silo clusters on embedded storage with definitions wired as the silo wires them, a fake ServiceHall clock,
/// and a data folder that outlives each cluster so a test can restart on the same file.
/// </summary>
public sealed class DefinitionsCluster : IAsyncLifetime
{
    private readonly TemporaryFolder _data = new("servicehall-definitions");
    private readonly string _serviceId = "servicehall-defs-" + Guid.NewGuid().ToString("N")[..8];
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)));

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not running.");

    public IWorkflowDefinitionGrain Definition(string definitionId) =>
        Cluster.Client.GetGrain<IWorkflowDefinitionGrain>(definitionId);

    public IWorkflowDefinitionIndexGrain Index => Cluster.Client.GetWorkflowDefinitionIndex();

    public async Task InitializeAsync() => _cluster = await StartAsync();

    /// <summary>Stops the silo and starts a fresh one on the same storage, as a product restart does.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _cluster = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private async Task<InProcessTestCluster> StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseServiceHallEmbeddedStorage(options => options.DataFolder = _data.Path);
            silo.AddServiceHallDefinitions();
            silo.Services.AddServiceHallClock(Clock);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private async Task StopAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
