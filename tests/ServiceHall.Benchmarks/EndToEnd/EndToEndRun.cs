using System.Globalization;
using ServiceHall.Benchmarks.Measurement;
using ServiceHall.TestSupport;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>What the PostgreSQL-mode closed loop measured, for the ceiling section's ratios.</summary>
public sealed record PostgresModeResult(double CommandsPerSecond, byte[]? CasePayload, Ceiling.CommandRows? CommandRows = null);

/// <summary>Results other sections reuse, so a run with both sections measures ServiceHall once.</summary>
public static class SharedResults
{
    public static PostgresModeResult? PostgresMode { get; set; }
}

/// <summary>
/// One storage mode end to end: start the silo, closed loop at N clients (throughput, latency, CPU split; in
/// PostgreSQL mode also writes, WAL and fsyncs per command), check a sample of cases over GET, then an open loop at
/// half the measured command rate.
/// </summary>
public static class EndToEndRun
{
    private const int VerifiedSample = 25;

    public static async Task<(IReadOnlyList<BenchmarkRow> Rows, PostgresModeResult? Postgres)> RunAsync(
        BenchmarkSettings settings, PostgresServer? postgres, string section, bool openLoop = true)
    {
        var mode = postgres is null ? "embedded" : "postgres";
        // --group-commit on|off measures the silo with or without group commit (unset: the silo's default).
        string[] extra = settings.Option("--group-commit") is { } groupCommit
            ? [$"--ServiceHall:Storage:GroupCommit={groupCommit is "on" or "true"}"]
            : [];
        // --silo-env "K=V;K2=V2": environment for the silo alone (runtime knobs such as DOTNET_GCgen0size).
        var environment = (settings.Option("--silo-env") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        await using var silo = await SiloUnderTest.StartAsync(postgres, requireRelease: !settings.Smoke, extra, environment);
        // --prefer-minimal on|off: case actions ask for the minimal answer as the pages do (default), or for the full case.
        using var client = new ServiceHallClient(silo.BaseUrl, settings.Concurrency * 2)
        {
            PreferMinimalActions = settings.Option("--prefer-minimal") is not ("off" or "false"),
        };
        await client.SignInAsync("clerk", "reviewer");

        var rows = new List<BenchmarkRow>();
        var cpu = new CpuSplit(silo.ProcessId, postgres is null ? null : CpuMeter.PostmasterPid(postgres.DataDirectory));
        var before = silo.ConnectionString is { } cs ? await PostgresActivity.ReadAsync(cs) : null;
        (double Silo, double Postgres, double Harness) split = default;
        var tiering = new TieringWorker(silo.ProcessId);
        var warmUp = new WarmUp(settings, tiering);
        // --wal-reuse off measures a fresh PostgreSQL as it is (see PostgresWal); on by default.
        var reuseWal = silo.ConnectionString is not null && settings.Option("--wal-reuse") is not ("off" or "false");
        var walNote = "not prepared (--wal-reuse off): segments are created as the window needs them";
        long walFilesAtWindow = 0;
        var jitAtStart = 0.0;
        var jitInWindow = 0.0;
        using var windowOver = new CancellationTokenSource();
        // The worker thread ends after a few idle seconds; reading it every half second keeps its last ticks.
        var sampling = SampleAsync(tiering, windowOver.Token);
        LoadResult closed;
        try
        {
            closed = await ClosedLoop.RunAsync(client, settings.Concurrency, async () =>
                {
                    await warmUp.RunAsync();
                    if (reuseWal)
                    {
                        walNote = await PostgresWal.ReuseSegmentsAsync(silo.ConnectionString!, settings.Smoke ? 2 : PostgresWal.FullSegments);
                        // The first change to each hot page after a checkpoint writes the whole page to the WAL; a server
                        // that has run is not always just past one, so the load goes on a while before the window opens.
                        var afterCheckpoint = TimeSpan.FromSeconds(settings.Smoke ? 0 : 5);
                        await Task.Delay(afterCheckpoint);
                        walNote += string.Create(CultureInfo.InvariantCulture, $"; the window opened {afterCheckpoint.TotalSeconds:F0} s after the checkpoint");
                    }

                    if (silo.ConnectionString is { } database)
                    {
                        walFilesAtWindow = await PostgresWal.SegmentFilesAsync(database);
                    }
                }, settings.Duration,
                onWindowStart: () =>
                {
                    cpu.Start();
                    jitAtStart = tiering.Seconds();
                },
                onWindowEnd: () =>
                {
                    split = cpu.Stop();
                    jitInWindow = tiering.Seconds() - jitAtStart;
                    windowOver.Cancel();
                });
        }
        finally
        {
            await windowOver.CancelAsync();
            await sampling;
        }

        var closedNotes = new Dictionary<string, string>
        {
            ["cases"] = closed.Cases.ToString(CultureInfo.InvariantCulture),
            ["CPU"] = $"% of {Environment.ProcessorCount} cores × wall",
            ["warm-up"] = warmUp.Description,
            ["silo JIT"] = "CPU of the silo's tiered-compilation worker inside the window (part of silo CPU)",
        };
        if (silo.ConnectionString is { } walDatabase)
        {
            var created = Math.Max(0, await PostgresWal.SegmentFilesAsync(walDatabase) - walFilesAtWindow);
            closedNotes["WAL"] = string.Create(CultureInfo.InvariantCulture,
                $"{walNote}; net growth of WAL segment files over the window and the reads after it: {created}");
        }

        rows.Add(new BenchmarkRow(section, $"{mode}: closed loop, {settings.Concurrency} clients",
            new Dictionary<string, double>
            {
                ["cases/s"] = closed.CasesPerSecond,
                ["commands/s"] = closed.CommandsPerSecond,
                ["p50 ms"] = closed.Latency.Percentile(50),
                ["p95 ms"] = closed.Latency.Percentile(95),
                ["p99 ms"] = closed.Latency.Percentile(99),
                ["silo CPU %"] = split.Silo,
                ["PG CPU %"] = split.Postgres,
                ["harness CPU %"] = split.Harness,
                ["silo CPU ms/cmd"] = CpuPerCommand(split.Silo, closed),
                ["silo JIT ms/cmd"] = jitInWindow * 1000 / Math.Max(1, closed.Commands),
                ["PG CPU ms/cmd"] = CpuPerCommand(split.Postgres, closed),
            },
            closedNotes));

        PostgresModeResult? result = null;
        if (silo.ConnectionString is { } connectionString)
        {
            var activity = (await PostgresActivity.ReadAsync(connectionString)).Minus(before!);
            var commands = (double)closed.TotalCommandsSent;
            var payloads = await PostgresActivity.PayloadsAsync(connectionString);
            rows.Add(new BenchmarkRow(section, "postgres: database work per command (whole closed loop)",
                new Dictionary<string, double>
                {
                    ["state writes/cmd"] = activity.StateWrites / commands,
                    ["reminder writes/cmd"] = activity.ReminderWrites / commands,
                    ["commits/cmd"] = activity.Commits / commands,
                    ["WAL fsyncs/cmd"] = activity.WalSyncs / commands,
                    ["WAL KB/cmd"] = activity.WalBytes / 1024.0 / commands,
                },
                new Dictionary<string, string>
                {
                    ["commands"] = closed.TotalCommandsSent.ToString(CultureInfo.InvariantCulture),
                    ["stored state (type: rows, avg/max bytes)"] = string.Join(", ", payloads.Take(5).Select(p =>
                        string.Create(CultureInfo.InvariantCulture, $"{p.GrainType}: {p.Rows}, {p.AverageBytes:F0}/{p.MaxBytes}"))),
                }));
            result = new PostgresModeResult(closed.CommandsPerSecond, await PostgresActivity.CasePayloadAsync(connectionString),
                await Ceiling.CommandRows.CaptureAsync(connectionString));
        }

        await VerifyAsync(client, closed);
        if (openLoop)
        {
            var rate = closed.CommandsPerSecond / 2;
            var openDuration = settings.Smoke ? settings.Duration : settings.Duration / 2;
            // --open-mix scheduled|ready|both (default both): which open loops run; see ScheduledOpenLoop for the difference.
            var mixes = settings.Option("--open-mix") ?? "both";
            if (mixes is not ("scheduled" or "ready" or "both"))
            {
                throw new ArgumentException($"--open-mix must be scheduled, ready or both, not '{mixes}'.");
            }

            if (mixes is "scheduled" or "both")
            {
                var think = TimeSpan.FromMilliseconds(settings.Number("--think-ms", 100));
                await OpenLoopRowsAsync("scheduled", string.Create(CultureInfo.InvariantCulture, $"steps on a schedule, {think.TotalMilliseconds:F0} ms apart"),
                    () => ScheduledOpenLoop.RunAsync(client, rate, OpenLoopSettle(settings), openDuration, think));
            }

            if (mixes is "ready" or "both")
            {
                await OpenLoopRowsAsync("ready", "each slot to a ready case, else a new case (the loop before issue 20's sixth pass)",
                    () => OpenLoop.RunAsync(client, rate, OpenLoopSettle(settings), openDuration));
            }

            async Task OpenLoopRowsAsync(string mix, string description, Func<Task<LoadResult>> run)
            {
                var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                LoadResult open;
                var walFilesAtOpen = silo.ConnectionString is { } openDatabase ? await PostgresWal.SegmentFilesAsync(openDatabase) : 0;
                var countersPath = Path.Combine(settings.OutputFolder, $"counters-{mode}-{mix}-{stamp}.csv");
                BenchmarkRow? flushes = null, pauses = null;
                await using (await SiloCounters.StartAsync(settings.Option("--counters"), silo.ProcessId, countersPath))
                {
                    // --flush-probe off: no disk flush probe beside the open loop (DiskFlushProbe says what it costs).
                    using var flushProbe = settings.Option("--flush-probe") is "off" or "false" ? null : DiskFlushProbe.Start();
                    // --gc-pauses off: no EventPipe session on the silo's collector beside the open loop.
                    await using var gcPauses = settings.Option("--gc-pauses") is "off" or "false" ? null : SiloGcPauses.Start(silo.ProcessId);
                    open = await run();
                    flushes = flushProbe?.Row(section, $"{mode}, {mix}", open.StartTimestamp);
                    if (gcPauses is not null)
                    {
                        await gcPauses.StopAsync();
                        pauses = gcPauses.Row(section, $"{mode}, {mix}", open.StartTimestamp);
                    }
                }

                await VerifyAsync(client, open);
                var openNotes = new Dictionary<string, string>
                {
                    ["mix"] = description,
                    ["latency"] = "from each command's scheduled time",
                    ["settle"] = OpenLoopTail.Settle(open),
                };
                if (silo.ConnectionString is { } openWal)
                {
                    openNotes["WAL segment files, net growth"] = Math.Max(0, await PostgresWal.SegmentFilesAsync(openWal) - walFilesAtOpen)
                        .ToString(CultureInfo.InvariantCulture);
                }

                rows.Add(new BenchmarkRow(section, $"{mode}: open loop at 50 % ({rate:F0} commands/s), {mix}",
                    new Dictionary<string, double>
                    {
                        ["cases/s"] = open.CasesPerSecond,
                        ["commands/s"] = open.CommandsPerSecond,
                        ["p50 ms"] = open.Latency.Percentile(50),
                        ["p95 ms"] = open.Latency.Percentile(95),
                        ["p99 ms"] = open.Latency.Percentile(99),
                    },
                    openNotes));
                rows.Add(OpenLoopTail.Row(section, $"{mode}, {mix}", open, Path.Combine(settings.OutputFolder, $"open-loop-{mode}-{mix}-{stamp}.csv")));
                rows.AddRange(new[] { flushes, pauses }.OfType<BenchmarkRow>());
                if (settings.Option("--counters") is not null && SiloCounters.Summary(section, $"{mode}, {mix}", countersPath, rate) is { } collector)
                {
                    rows.Add(collector);
                }
            }
        }

        return (rows, result);
    }

    /// <summary>CPU milliseconds one command cost a process, from its share of the machine over the window.</summary>
    /// <summary>
    /// <c>--open-settle S</c> (default 5, smoke 0): seconds the open loop runs at its rate before it measures
    /// (<see cref="OpenLoop"/> says why; the row reports those seconds' own p99 beside the measured one).
    /// </summary>
    private static TimeSpan OpenLoopSettle(BenchmarkSettings settings) =>
        TimeSpan.FromSeconds(settings.Number("--open-settle", settings.Smoke ? 0 : 5));

    private static double CpuPerCommand(double percentOfMachine, LoadResult result) =>
        percentOfMachine / 100 * Environment.ProcessorCount * result.Seconds * 1000 / Math.Max(1, result.Commands);

    private static async Task SampleAsync(TieringWorker tiering, CancellationToken windowOver)
    {
        try
        {
            while (true)
            {
                tiering.Seconds();
                await Task.Delay(TimeSpan.FromMilliseconds(500), windowOver);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Every case counted completed its pickup step; a sample is read back over GET to prove it stuck.</summary>
    private static async Task VerifyAsync(ServiceHallClient client, LoadResult result)
    {
        if (result.Cases == 0)
        {
            throw new InvalidOperationException("No case completed inside the measurement window.");
        }

        foreach (var id in result.CompletedCaseIds.OrderBy(_ => Random.Shared.Next()).Take(VerifiedSample))
        {
            var view = await client.GetAsync("clerk", $"/api/cases/{id}");
            StandardCase.RequireCompleted(id, view.GetProperty("status").GetString()!);
        }
    }
}
