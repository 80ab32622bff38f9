using System.Security.Cryptography;
using ServiceHall.TestSupport;

namespace ServiceHall.Cluster.Tests;

/// <summary>
/// Three silo processes (A, B, C) on one throwaway PostgreSQL, shared by the cluster tests, which run one after another
/// and put the cluster back to three running silos first. Membership timings are milder than the two-silo failover
/// test's, so two loaded cores shared with PostgreSQL and the load generator do not cause false deaths.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan ReadyWithin = TimeSpan.FromMinutes(3);

    /// <summary>How long a stopping silo keeps serving while it reports not ready, before its listener closes.</summary>
    public static readonly TimeSpan DrainDelay = TimeSpan.FromSeconds(1);
    private readonly List<ClusterNode> _nodes = [];
    private readonly TemporaryFolder _data = new("servicehall-cluster");
    private Exception? _startFailure;

    public PostgresServer? Postgres { get; private set; }

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async Task InitializeAsync()
    {
        if (PostgresServer.FindBinaries() is null)
        {
            return;
        }

        try
        {
            Postgres = await PostgresServer.StartAsync();
            var connectionString = await Postgres.CreateDatabaseAsync();
            var clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..6];
            foreach (var name in new[] { "A", "B", "C" })
            {
                var httpPort = FreePort.Next();
                _nodes.Add(new ClusterNode(name, httpPort,
                [
                    "--ServiceHall:Storage:Mode=Postgres",
                    $"--ServiceHall:Storage:Postgres:ConnectionString={connectionString}",
                    $"--ServiceHall:Auth:SigningKey={SigningKey}",
                    SiloProcess.DemoMode,
                    $"--ServiceHall:DataFolder={Path.Combine(_data.Path, name)}",
                    $"--ServiceHall:Cluster:ServiceId={clusterId}",
                    $"--ServiceHall:Cluster:ClusterId={clusterId}",
                    $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
                    $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
                    "--ServiceHall:Cluster:AdvertisedIPAddress=127.0.0.1",
                    "--ServiceHall:Cluster:ListenOnAnyHostAddress=false",
                    // Milder than the two-silo lab values: 2 s probes, 3 missed, two votes (both survivors) to declare death.
                    "--ServiceHall:Cluster:Membership:ProbeTimeout=00:00:02",
                    "--ServiceHall:Cluster:Membership:NumMissedProbesLimit=3",
                    "--ServiceHall:Cluster:Membership:TableRefreshTimeout=00:00:02",
                    "--ServiceHall:Cluster:Membership:IAmAliveTablePublishTimeout=00:00:05",
                    // A short drain: the test has no load balancer to take the silo out of rotation.
                    $"--ServiceHall:Shutdown:DrainDelay={DrainDelay}",
                    "--ServiceHall:Shutdown:Timeout=00:00:25",
                    // Each retry and 503 is logged at Information/Warning; the rest of Orleans stays quiet.
                    "--Logging:LogLevel:Orleans.Runtime.MembershipService=Warning",
                    "--Logging:LogLevel:ServiceHall.Api.Resilience=Warning",
                ]));
            }

            await EnsureAllRunningAsync();
        }
        catch (Exception exception)
        {
            _startFailure = exception;
        }
    }

    /// <summary>Fails (or skips without PostgreSQL) unless the cluster came up.</summary>
    public void RequireStarted()
    {
        Prerequisites.Require(PostgresServer.FindBinaries() is not null, "PostgreSQL server (Debian package postgresql)");
        if (_startFailure is not null)
        {
            throw new InvalidOperationException("The three-silo cluster did not start.", _startFailure);
        }
    }

    /// <summary>Starts whichever silos are not running (a previous test may have failed mid-way), all at once.</summary>
    public async Task EnsureAllRunningAsync()
    {
        if (Postgres is not null)
        {
            // A test that failed during the outage must not leave the next one without a database.
            await Postgres.StartIfStoppedAsync();
        }

        await Task.WhenAll(_nodes.Where(n => !n.IsRunning).Select(n => n.StartAsync(ReadyWithin)));
    }

    public string Diagnostics() =>
        string.Join("\n", _nodes.Select(n => $"--- {n} ---\n{Tail(n.Output, 4000)}"));

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        _data.Dispose();
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
