using System.Diagnostics;

namespace ServiceHall.Benchmarks.Support;

/// <summary>
/// The in-process load generator every engine gets: <c>workers</c> concurrent callers, each driving one whole case after
/// another until the time is up (closed loop: a new case starts only when the caller's last one finished). Cases in
/// flight at the deadline are finished and counted, so every started case is asserted.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Drives cases for <paramref name="duration"/>; <paramref name="driveCase"/> times each command through the log.</summary>
    public static async Task<LoadResult> RunAsync(int workers, TimeSpan duration, Func<CommandLog, Task> driveCase)
    {
        // This process's CPU time is the cost that other work on a shared machine cannot inflate much, unlike wall time.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var logs = Enumerable.Range(0, workers).Select(_ => new CommandLog(clock)).ToArray();
        await Task.WhenAll(logs.Select(log => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await driveCase(log);
                log.CaseFinished();
            }
        })));
        clock.Stop();
        return new LoadResult(clock.Elapsed, duration, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, logs);
    }

    /// <summary>Drives cases until <paramref name="stop"/> is signalled (a warm-up whose end is decided elsewhere); nothing is measured.</summary>
    public static Task RunUntilAsync(int workers, CancellationToken stop, Func<CommandLog, Task> driveCase)
    {
        var clock = Stopwatch.StartNew();
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var log = new CommandLog(clock);
            while (!stop.IsCancellationRequested)
            {
                await driveCase(log);
                log.CaseFinished();
            }
        })));
    }
}

/// <summary>One worker's record: the latency of every command and when each case finished (single-threaded, so no locks).</summary>
internal sealed class CommandLog(Stopwatch clock)
{
    public List<double> LatenciesMs { get; } = new(4096);

    public List<double> CaseFinishedAtSeconds { get; } = new(1024);

    /// <summary>Runs one command and records how long it took.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> command)
    {
        var started = clock.Elapsed;
        var result = await command();
        LatenciesMs.Add((clock.Elapsed - started).TotalMilliseconds);
        return result;
    }

    public void CaseFinished() => CaseFinishedAtSeconds.Add(clock.Elapsed.TotalSeconds);
}

/// <summary>What a closed-loop run measured, merged over its workers.</summary>
internal sealed class LoadResult
{
    private readonly double[] _sorted;
    private readonly double[] _finishedAt;
    private readonly TimeSpan _duration;

    public LoadResult(TimeSpan elapsed, TimeSpan duration, TimeSpan cpu, IReadOnlyList<CommandLog> logs)
    {
        Elapsed = elapsed;
        Cpu = cpu;
        _duration = duration;
        _sorted = [.. logs.SelectMany(l => l.LatenciesMs).Order()];
        _finishedAt = [.. logs.SelectMany(l => l.CaseFinishedAtSeconds).Order()];
    }

    public TimeSpan Elapsed { get; }

    /// <summary>How the load before this one warmed the engine up (<see cref="InProcessWarmUp"/>), for the row's notes.</summary>
    public string WarmUp { get; set; } = "";

    /// <summary>CPU time this whole process used during the load (engine and load generator alike).</summary>
    public TimeSpan Cpu { get; }

    public double CpuMsPerCommand => Cpu.TotalMilliseconds / Math.Max(1, Commands);

    public int Cases => _finishedAt.Length;

    public int Commands => _sorted.Length;

    public double CasesPerSecond => Cases / Elapsed.TotalSeconds;

    public double CommandsPerSecond => Commands / Elapsed.TotalSeconds;

    public double Percentile(double p) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Min(_sorted.Length - 1, (int)Math.Ceiling(p / 100 * _sorted.Length) - 1)];

    /// <summary>Cases/s within one quarter of the load window (0 = first); shows whether throughput holds as data accumulates.</summary>
    public double CasesPerSecondInQuarter(int quarter)
    {
        var quarterSeconds = _duration.TotalSeconds / 4;
        var from = quarter * quarterSeconds;
        return _finishedAt.Count(t => t >= from && t < from + quarterSeconds) / quarterSeconds;
    }

    /// <summary>The usual metrics of a closed-loop row.</summary>
    public Dictionary<string, double> Metrics() => new()
    {
        ["cases"] = Cases,
        ["cases/s"] = CasesPerSecond,
        ["commands/s"] = CommandsPerSecond,
        ["p50 ms"] = Percentile(50),
        ["p95 ms"] = Percentile(95),
        ["p99 ms"] = Percentile(99),
        ["CPU ms/command"] = CpuMsPerCommand,
        ["cases/s 1st ¼"] = CasesPerSecondInQuarter(0),
        ["cases/s 4th ¼"] = CasesPerSecondInQuarter(3),
    };
}
