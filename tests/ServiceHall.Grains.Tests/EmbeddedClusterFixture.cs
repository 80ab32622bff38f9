using Orleans.Hosting;
using Orleans.TestingHost;
using ServiceHall.Grains.Hosting;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests;

/// <summary>
/// Starts one-silo test clusters on the embedded storage over a data folder that outlives each cluster, so a test
/// can stop the whole silo and start a new one on the same file — the embedded mode's restart.
/// </summary>
public sealed class EmbeddedClusterFactory : IDisposable
{
    private readonly TemporaryFolder _data = new("servicehall-embedded");

    // Rows are keyed by service id in other modes; a fixed one keeps the restart honest here too.
    public string ServiceId { get; } = "servicehall-test-" + Guid.NewGuid().ToString("N")[..8];

    public string DataFolder => _data.Path;

    public async Task<InProcessTestCluster> StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseServiceHallEmbeddedStorage(options => options.DataFolder = DataFolder);
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
