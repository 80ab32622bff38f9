using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using ServiceHall.Grains.Hosting;
using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.TestSupport;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// A real silo in full PostgreSQL mode (ADO.NET clustering, grain state, reminders; schema migrated on start) on
/// loopback and free ports, composed with the same extensions the product uses. Ids are fixed by the caller so a
/// restarted silo finds its rows again.
/// </summary>
public sealed class PostgresSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private PostgresSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<PostgresSilo> StartAsync(string connectionString, string serviceId, string clusterId, bool migrateOnStart = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = serviceId;
                options.ClusterId = clusterId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next(), listenOnAnyHostAddress: false);
            silo.UseServiceHallPostgresClustering(connectionString);
            silo.UseServiceHallPostgresStorage(new PostgresStorageOptions { ConnectionString = connectionString, MigrateOnStart = migrateOnStart });
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // A start refused on purpose (a schema behind the build) must not leave its half-started host behind; the
            // refusal, not a clean-up error, is what the caller sees.
            try
            {
                await host.StopAsync();
            }
            catch (Exception)
            {
            }

            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }

        return new PostgresSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
