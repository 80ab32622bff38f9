using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using ServiceHall.Grains.Hosting;
using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.TestSupport;

namespace ServiceHall.Benchmarks.Ceiling;

/// <summary>
/// A silo the harness hosts itself with ServiceHall's PostgreSQL clustering and storage (migrated schema, stable JSON
/// serializer, the same Orleans ADO.NET provider), so the ceiling pays exactly what a case grain's write pays.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessSilo> StartAsync(string connectionString, Action<IServiceCollection> services)
    {
        var builder = Host.CreateApplicationBuilder();
        // Warnings only; the watchdog's stall warnings measure from process start and would only add noise here.
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = "bench-ceiling";
                cluster.ClusterId = "bench-ceiling";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next(), listenOnAnyHostAddress: false);
            silo.UseServiceHallPostgresClustering(connectionString);
            silo.UseServiceHallPostgresStorage(new PostgresStorageOptions { ConnectionString = connectionString });
        });
        services(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
