using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Npgsql;
using ServiceHall.TestSupport;
using Xunit.Abstractions;

namespace ServiceHall.Host.Tests;

/// <summary>
/// PostgreSQL mode's backup drill, following docs/operations.md ("Backup and restore (PostgreSQL mode)") step by step:
/// cases and uploads written, <c>pg_dump</c> taken while clerks keep opening cases, the database dropped, a new one
/// restored with <c>pg_restore</c>, the silo started on it, and every case acknowledged before the dump began back with
/// its version, journal, documents and scans. The timings are the RTO figures of that page.
/// </summary>
public sealed class PostgresBackupDrillTests(ITestOutputHelper output)
{
    private const string Item = "GZ-SCJG-002";

    [SkippableFact]
    public async Task ADumpTakenUnderLoadRestoresEveryAcknowledgedCaseWithItsJournalDocumentsAndScans()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using var folders = new TemporaryFolder("servicehall-pgdrill");
        var dumpFile = Path.Combine(folders.Path, "servicehall.dump");
        var settings = Settings(connectionString, folders.Path);
        var httpPort = FreePort.Next();

        var before = new CaseSnapshot();
        var duringDump = new ConcurrentBag<string>();
        var acknowledgedBeforeDump = new List<string>();
        TimeSpan dumpTime;
        await using (var silo = SiloProcess.StartBuilt(httpPort, settings))
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            using var walker = new CaseWalker(silo.BaseUrl);
            var ids = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                ids.Add(CaseWalker.Id(await walker.OpenAsync(CaseWalker.Application(Item))));
            }

            // Journals longer than the opening: one accepted, one accepted and passed on to review.
            await walker.ActAsync(ids[0], "clerk", "accept", new { comment = "材料齐全" });
            await walker.ActAsync(ids[1], "clerk", "accept", new { });

            var admin = await walker.AsAsync("admin");
            for (var i = 0; i < 2; i++)
            {
                using var applicant = new OnlineApplicant(silo.BaseUrl, PhoneCodes.NewPhone());
                var submitted = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), await applicant.VerifiedCodeAsync(admin),
                    OnlineApplicant.SampleScans($"pg-drill-{i}"));
                Assert.True(submitted.Status == HttpStatusCode.Created, submitted.ToString());
                ids.Add(submitted.Json["id"]!.GetValue<string>());
            }

            foreach (var id in ids)
            {
                await before.TakeAsync(walker, id);
            }

            Assert.True(before.Scans.Count >= 2, "the online applications stored no scans");
            var clerk = await walker.AsAsync("clerk");

            // Two clerks keep opening cases through the dump; each acknowledgement is stamped on the test's clock.
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var acknowledged = new ConcurrentQueue<(string Id, TimeSpan At)>();
            var load = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var reply = await clerk.PostAsync("/api/cases", CaseWalker.Application(Item));
                    if (reply.Status == HttpStatusCode.Created)
                    {
                        acknowledged.Enqueue((reply.Json["id"]!.GetValue<string>(), clock.Elapsed));
                    }
                }
            })).ToArray();
            await Eventually.UntilAsync(() => acknowledged.Count >= 5, "clerks opening cases");

            var dumpBegan = clock.Elapsed;
            await postgres.RunClientAsync("pg_dump", "--format=custom", $"--file={dumpFile}", $"--dbname={database}");
            var dumpEnded = clock.Elapsed;
            dumpTime = dumpEnded - dumpBegan;
            await Eventually.UntilAsync(() => acknowledged.Count(a => a.At > dumpEnded) >= 2, "clerks still opening cases after the dump");
            await stop.CancelAsync();
            await Task.WhenAll(load);
            acknowledgedBeforeDump.AddRange(acknowledged.Where(a => a.At < dumpBegan).Select(a => a.Id));
            foreach (var (id, at) in acknowledged.Where(a => a.At >= dumpBegan && a.At <= dumpEnded))
            {
                duringDump.Add(id);
            }

            output.WriteLine($"pg_dump under load: {dumpTime.TotalSeconds:F2} s, {new FileInfo(dumpFile).Length / 1024} KiB; "
                + $"{acknowledged.Count} cases opened by the load, {acknowledgedBeforeDump.Count} before the dump began, {duringDump.Count} while it ran");
            silo.KillHard();
        }

        // Everything destroyed: the database is gone.
        await Sql(postgres.ConnectionString(), $"DROP DATABASE \"{database}\" WITH (FORCE)");
        Assert.Equal(0L, await Scalar(postgres.ConnectionString(), $"SELECT count(*) FROM pg_database WHERE datname = '{database}'"));

        // The documented restore: an empty database of the same name, pg_restore, then the silos.
        var restoreClock = Stopwatch.StartNew();
        await Sql(postgres.ConnectionString(), $"CREATE DATABASE \"{database}\"");
        await postgres.RunClientAsync("pg_restore", "--no-owner", "--exit-on-error", "--jobs=2", $"--dbname={database}", dumpFile);
        var restoreTime = restoreClock.Elapsed;
        await using var restored = SiloProcess.StartBuilt(httpPort, settings);
        await restored.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var serving = restoreClock.Elapsed;
        output.WriteLine($"pg_restore: {restoreTime.TotalSeconds:F2} s; serving again {serving.TotalSeconds:F2} s after the restore began");

        using var after = new CaseWalker(restored.BaseUrl);
        await before.AssertRestoredAsync(after);
        var clerkAfter = await after.AsAsync("clerk");

        // Every case the load had acknowledged before the dump began is back (RPO: nothing acknowledged before it).
        var missing = new List<string>();
        foreach (var id in acknowledgedBeforeDump)
        {
            var reply = await clerkAfter.GetAsync($"/api/cases/{id}");
            if (reply.Status != HttpStatusCode.OK)
            {
                missing.Add($"{id}: {(int)reply.Status}");
            }
        }

        Assert.True(missing.Count == 0, "acknowledged before the dump but not restored: " + string.Join(", ", missing));
        var restoredFromDuring = 0;
        foreach (var id in duringDump)
        {
            restoredFromDuring += (await clerkAfter.GetAsync($"/api/cases/{id}")).Status == HttpStatusCode.OK ? 1 : 0;
        }

        output.WriteLine($"of the {duringDump.Count} cases acknowledged while pg_dump ran, {restoredFromDuring} are in the restore");

        // The restored hall takes new work.
        var opened = await after.OpenAsync(CaseWalker.Application(Item));
        Assert.Equal(HttpStatusCode.OK, (await clerkAfter.GetAsync($"/api/cases/{CaseWalker.Id(opened)}")).Status);
    }

    private static string[] Settings(string connectionString, string dataFolder) =>
    [
        "--ServiceHall:Storage:Mode=Postgres",
        $"--ServiceHall:Storage:Postgres:ConnectionString={connectionString}",
        $"--ServiceHall:Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        $"--ServiceHall:Certificates:SigningKey={Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKey())}",
        $"--ServiceHall:DataFolder={dataFolder}",
        "--ServiceHall:Cluster:ServiceId=pg-drill",
        "--ServiceHall:Cluster:ClusterId=pg-drill",
        $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
        $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
        "--ServiceHall:Cluster:AdvertisedIPAddress=127.0.0.1",
        "--ServiceHall:Cluster:ListenOnAnyHostAddress=false",
        SiloProcess.DemoMode,
    ];

    private static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
