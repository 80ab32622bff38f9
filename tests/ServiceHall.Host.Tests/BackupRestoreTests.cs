using System.Diagnostics;
using System.Net;
using ServiceHall.TestSupport;
using Xunit.Abstractions;

namespace ServiceHall.Host.Tests;

/// <summary>
/// Embedded mode's backup and restore as an operator runs them: <c>backup</c> while the silo serves, the data folder
/// lost, <c>restore</c> into an empty folder, and every case acknowledged before the backup back with its journal and
/// scans. The timings are docs/operations.md's RTO figures.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ABackupTakenWhileServingRestoresEveryCaseWithItsJournalAndScans()
    {
        using var folders = new TemporaryFolder("servicehall-backup");
        var dataFolder = Path.Combine(folders.Path, "data");
        var backupFile = Path.Combine(folders.Path, "hall-backup.zip");
        string[] settings =
        [
            $"--ServiceHall:DataFolder={dataFolder}",
            $"--ServiceHall:Cluster:SiloPort={FreePort.Next()}",
            $"--ServiceHall:Cluster:GatewayPort={FreePort.Next()}",
            SiloProcess.DemoMode,
        ];
        var httpPort = FreePort.Next();

        var before = new CaseSnapshot();
        string certificateKey;
        await using (var silo = SiloProcess.StartBuilt(httpPort, settings))
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            using var walker = new CaseWalker(silo.BaseUrl);
            var ids = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add(CaseWalker.Id(await walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"))));
            }

            await walker.ActAsync(ids[0], "clerk", "accept", new { comment = "材料齐全" });

            var admin = await walker.AsAsync("admin");
            using var applicant = new OnlineApplicant(silo.BaseUrl, PhoneCodes.NewPhone());
            var files = OnlineApplicant.SampleScans("backup");
            var submitted = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), await applicant.VerifiedCodeAsync(admin), files);
            Assert.True(submitted.Status == HttpStatusCode.Created, submitted.ToString());

            ids.Add(submitted.Json["id"]!.GetValue<string>());
            foreach (var id in ids)
            {
                await before.TakeAsync(walker, id);
            }

            Assert.Equal(4, before.Count);
            Assert.Equal(files.Count, before.Scans.Count);
            var clerk = await walker.AsAsync("clerk");
            certificateKey = await File.ReadAllTextAsync(Path.Combine(dataFolder, "keys", "certificate-signing.pem"));

            // The backup runs while clerks keep opening cases.
            using var stop = new CancellationTokenSource();
            var openedByLoad = 0;
            var load = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var reply = await clerk.PostAsync("/api/cases", CaseWalker.Application("GZ-SCJG-002"));
                    if (reply.Status == HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref openedByLoad);
                    }
                }

                return Volatile.Read(ref openedByLoad);
            });
            await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref openedByLoad) > 0), "load running");
            var openedBeforeBackup = Volatile.Read(ref openedByLoad);
            var backupClock = Stopwatch.StartNew();
            var backupOutput = await Silo("backup", backupFile, $"--ServiceHall:DataFolder={dataFolder}");
            backupClock.Stop();
            await stop.CancelAsync();
            var openedDuringBackup = await load - openedBeforeBackup;
            output.WriteLine($"backup while serving: {backupClock.Elapsed.TotalSeconds:F2} s ({backupOutput.Trim()}); {openedDuringBackup} cases opened meanwhile");
            Assert.True(openedDuringBackup > 0, "no case was opened while the backup ran");

            // A restore never overwrites a data folder unasked.
            var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => Silo("restore", backupFile, $"--ServiceHall:DataFolder={dataFolder}"));
            Assert.Contains("is not empty", refusal.Message);
            silo.KillHard();
        }

        Directory.Delete(dataFolder, recursive: true);
        var restoreClock = Stopwatch.StartNew();
        var restoreOutput = await Silo("restore", backupFile, $"--ServiceHall:DataFolder={dataFolder}");
        var restoreTime = restoreClock.Elapsed;
        Assert.Equal(certificateKey, await File.ReadAllTextAsync(Path.Combine(dataFolder, "keys", "certificate-signing.pem")));

        await using var restored = SiloProcess.StartBuilt(httpPort, settings);
        await restored.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var serving = restoreClock.Elapsed;
        output.WriteLine($"restore: {restoreTime.TotalSeconds:F2} s ({restoreOutput.Trim()}); serving again {serving.TotalSeconds:F2} s after the restore began");

        using var after = new CaseWalker(restored.BaseUrl);
        await before.AssertRestoredAsync(after);
    }

    [Fact]
    public async Task RestoreRefusesAFileThatIsNoBackup()
    {
        using var folders = new TemporaryFolder("servicehall-backup");
        var notABackup = Path.Combine(folders.Path, "notes.zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(Directory.CreateDirectory(Path.Combine(folders.Path, "empty")).FullName, notABackup);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => Silo("restore", notABackup, $"--ServiceHall:DataFolder={Path.Combine(folders.Path, "data")}"));

        Assert.Contains("is no ServiceHall backup", refusal.Message);
        Assert.False(Directory.Exists(Path.Combine(folders.Path, "data")));
    }

    private static Task<string> Silo(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [RepositoryPaths.SiloAssembly, .. arguments], CommandTimeout);
}
