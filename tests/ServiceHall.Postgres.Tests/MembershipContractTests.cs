using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using ServiceHall.Grains.Hosting;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// ServiceHall's membership SQL behind the real <see cref="AdoNetClusteringTable"/> (shared/orleans-adonet-contract.md §3):
/// the two-row writes are all-or-nothing and exactly one of several racing writers wins.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MembershipContractTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task ANewClusterReadsAsVersionZeroWithNoMembersEvenAfterConcurrentInitialisation()
    {
        var table = await NewTableAsync();
        var others = Enumerable.Range(0, 3).Select(_ => Table(table.ConnectionString, table.ClusterId)).ToList();
        await Task.WhenAll(others.Select(t => t.InitializeMembershipTableAsync(true)));

        var data = await table.Table.ReadAllAsync();

        Assert.Equal(0, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [SkippableFact]
    public async Task InsertMovesTheVersionByOneAndRefusesStaleVersionsAndDuplicates()
    {
        var (table, _, _) = await NewTableAsync();
        var silo = Entry(11111);
        var start = (await table.ReadAllAsync()).Version;

        Assert.True(await table.InsertRowAsync(silo, start.Next()));
        var afterInsert = await table.ReadAllAsync();
        Assert.Equal(start.Version + 1, afterInsert.Version.Version);

        Assert.False(await table.InsertRowAsync(Entry(22222), start.Next()));
        Assert.False(await table.InsertRowAsync(silo, afterInsert.Version.Next()));

        var final = await table.ReadAllAsync();
        Assert.Equal(afterInsert.Version.Version, final.Version.Version);
        Assert.Single(final.Members);
    }

    [SkippableFact]
    public async Task OfSeveralUpdatesWithTheSameVersionExactlyOneWins()
    {
        var (table, connectionString, clusterId) = await NewTableAsync();
        var silo = Entry(11111);
        await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();
        var (entry, etag) = read.Members.Single();

        var racers = Enumerable.Range(0, 8).Select(_ => Table(connectionString, clusterId)).ToList();
        await Task.WhenAll(racers.Select(t => t.InitializeMembershipTableAsync(false)));
        var results = await Task.WhenAll(racers.Select((t, i) =>
        {
            var update = Copy(entry, i % 2 == 0 ? SiloStatus.Active : SiloStatus.ShuttingDown);
            return t.UpdateRowAsync(update, etag, read.Version.Next());
        }));

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(read.Version.Version + 1, (await table.ReadAllAsync()).Version.Version);
    }

    [SkippableFact]
    public async Task UpdatingAMissingSiloChangesNothing()
    {
        var (table, _, _) = await NewTableAsync();
        await table.InsertRowAsync(Entry(11111), (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();

        var ghost = Entry(33333);
        Assert.False(await table.UpdateRowAsync(ghost, read.Version.VersionEtag, read.Version.Next()));
        Assert.Equal(read.Version.Version, (await table.ReadAllAsync()).Version.Version);
    }

    [SkippableFact]
    public async Task HeartbeatsTouchOnlyIAmAliveAndKeepTheVersion()
    {
        var (table, _, _) = await NewTableAsync();
        var silo = Entry(11111);
        await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());
        var before = await table.ReadAllAsync();

        var alive = Copy(silo, silo.Status);
        alive.IAmAliveTime = silo.IAmAliveTime.AddMinutes(3);
        await table.UpdateIAmAliveAsync(alive);

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version.Version, after.Version.Version);
        var row = after.Members.Single().Item1;
        Assert.Equal(alive.IAmAliveTime, row.IAmAliveTime);
        Assert.Equal(DateTimeKind.Utc, row.IAmAliveTime.Kind);
        Assert.Equal(silo.StartTime, row.StartTime);
        Assert.Equal(silo.Status, row.Status);
    }

    [SkippableFact]
    public async Task CleanupRemovesOnlyLongDeadSilos()
    {
        var (table, _, _) = await NewTableAsync();
        var longAgo = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var deadOld = Entry(1001, SiloStatus.Dead, longAgo);
        var activeOld = Entry(1002, SiloStatus.Active, longAgo);
        var deadRecent = Entry(1003, SiloStatus.Dead, DateTime.UtcNow.AddMinutes(-1));
        foreach (var silo in new[] { deadOld, activeOld, deadRecent })
        {
            Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        }

        var version = (await table.ReadAllAsync()).Version.Version;
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([1002, 1003], left);
        Assert.Equal(version, (await table.ReadAllAsync()).Version.Version);
    }

    private async Task<(AdoNetClusteringTable Table, string ConnectionString, string ClusterId)> NewTableAsync()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var clusterId = "membership-" + Guid.NewGuid().ToString("N")[..8];
        var table = Table(connectionString, clusterId);
        await table.InitializeMembershipTableAsync(true);
        return (table, connectionString, clusterId);
    }

    private static AdoNetClusteringTable Table(string connectionString, string clusterId) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = clusterId }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresStorageExtensions.Invariant, ConnectionString = connectionString }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining, DateTime? at = null)
    {
        var time = at ?? new DateTime(2026, 11, 27, 8, 30, 0, 250, DateTimeKind.Utc);
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 42),
            Status = status,
            SiloName = $"silo-{port}",
            HostName = "hall-node",
            ProxyPort = port + 1,
            StartTime = time,
            IAmAliveTime = time,
            SuspectTimes = [],
        };
    }

    private static MembershipEntry Copy(MembershipEntry entry, SiloStatus status) => new()
    {
        SiloAddress = entry.SiloAddress,
        Status = status,
        SiloName = entry.SiloName,
        HostName = entry.HostName,
        ProxyPort = entry.ProxyPort,
        StartTime = entry.StartTime,
        IAmAliveTime = entry.IAmAliveTime,
        SuspectTimes = [],
    };
}
