using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using ServiceHall.Grains.Diagnostics;
using ServiceHall.Grains.Hosting;
using ServiceHall.TestSupport;
using Xunit.Abstractions;

namespace ServiceHall.Host.Tests;

/// <summary>Two silo processes on one PostgreSQL; kill -9 the one hosting a grain; the other must take it over.</summary>
public sealed class TwoSiloFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task AGrainAnswersFromTheSurvivorWithItsPersistedStateAfterItsSiloIsKilled()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var clusterId = "failover-" + Guid.NewGuid().ToString("N")[..6];
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var data = new TemporaryFolder("servicehall-failover");

        var siloPorts = new Dictionary<SiloProcess, int>();
        SiloProcess StartSilo(int index)
        {
            var siloPort = FreePort.Next();
            var silo = SiloProcess.StartBuilt(FreePort.Next(), Settings(index, siloPort));
            siloPorts[silo] = siloPort;
            return silo;
        }

        string[] Settings(int index, int siloPort) =>
        [
            "--ServiceHall:Storage:Mode=Postgres",
            $"--ServiceHall:Storage:Postgres:ConnectionString={connectionString}",
            $"--ServiceHall:Auth:SigningKey={signingKey}",
            $"--ServiceHall:DataFolder={Path.Combine(data.Path, $"silo{index}")}",
            $"--ServiceHall:Cluster:ServiceId={clusterId}",
            $"--ServiceHall:Cluster:ClusterId={clusterId}",
            $"--ServiceHall:Cluster:SiloPort={siloPort}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            "--ServiceHall:Cluster:AdvertisedIPAddress=127.0.0.1",
            "--ServiceHall:Cluster:ListenOnAnyHostAddress=false",
            // Loopback timings (orleans-notes.md); production keeps Orleans' defaults.
            "--ServiceHall:Cluster:Membership:ProbeTimeout=00:00:01",
            "--ServiceHall:Cluster:Membership:NumMissedProbesLimit=2",
            "--ServiceHall:Cluster:Membership:NumVotesForDeathDeclaration=1",
            "--ServiceHall:Cluster:Membership:TableRefreshTimeout=00:00:02",
            "--ServiceHall:Cluster:Membership:IAmAliveTablePublishTimeout=00:00:05",
        ];

        await using var first = StartSilo(1);
        await first.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        await using var second = StartSilo(2);
        await second.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));

        using var client = await StartClientAsync(connectionString, clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var canary = grains.GetGrain<ICanaryGrain>("failover-drill");
        CanaryReport before = null!;
        for (var i = 0; i < 3; i++)
        {
            before = await canary.TouchAsync();
        }

        Assert.Equal(3, before.Count);
        // The canary reports the silo port of its host; each process was started with its own.
        var victim = siloPorts.Single(pair => pair.Value == before.SiloPort).Key;
        var survivor = victim == first ? second : first;

        var clock = Stopwatch.StartNew();
        victim.KillHard();
        CanaryReport? after = null;
        var attempts = 0;
        Exception? lastError = null;
        while (clock.Elapsed < FailoverLimit + TimeSpan.FromSeconds(15))
        {
            attempts++;
            try
            {
                after = await canary.GetAsync().WaitAsync(TimeSpan.FromSeconds(5));
                if (after.SiloPort != before.SiloPort)
                {
                    break;
                }
            }
            catch (Exception exception)
            {
                // SiloUnavailableException, timeouts and connection drops while the cluster notices the death.
                lastError = exception;
            }

            await Task.Delay(100);
        }

        clock.Stop();
        output.WriteLine($"failover: grain answered from the surviving silo {clock.Elapsed.TotalSeconds:F2} s after kill -9 ({attempts} attempts)");
        Assert.True(after is not null, $"no answer after the kill; last error: {lastError}");
        Assert.NotEqual(before.SiloPort, after!.SiloPort);
        Assert.Equal(3, after.Count);
        Assert.True(clock.Elapsed < FailoverLimit, $"failover took {clock.Elapsed.TotalSeconds:F1} s, limit {FailoverLimit.TotalSeconds} s");
        Assert.False(survivor.HasExited, survivor.Output);

        var touched = await canary.TouchAsync();
        Assert.Equal(4, touched.Count);
    }

    private static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        // The kill makes the client log every dropped connection; the test reports what matters itself.
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = clusterId;
                options.ClusterId = clusterId;
            });
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
            // Connecting through the gateway list also proves the client-side query keys are all present.
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = PostgresStorageExtensions.Invariant;
                options.ConnectionString = connectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
