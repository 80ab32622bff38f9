using System.Collections.Concurrent;
using System.Diagnostics;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>One open-loop command: due time from the run's start, lag before it was sent, latency from due, step.</summary>
public sealed record CommandTiming(double DueMs, double DispatchLagMs, double LatencyMs, string Step);

/// <summary>What a load run measured inside its window.</summary>
public sealed record LoadResult(
    double Seconds, int Cases, int Commands, LatencySamples Latency, IReadOnlyList<string> CompletedCaseIds, int TotalCommandsSent)
{
    public double CasesPerSecond => Cases / Seconds;

    /// <summary>Every measured command of an open loop: when it was due, how late it was sent, its latency and its step.</summary>
    public IReadOnlyList<CommandTiming> Timings { get; init; } = [];

    /// <summary>An open loop's commands due in its settling seconds, before the measured ones: reported, not measured.</summary>
    public IReadOnlyList<CommandTiming> SettleTimings { get; init; } = [];

    /// <summary>An open loop's start (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): the zero of its due times.</summary>
    public long StartTimestamp { get; init; }

    public double CommandsPerSecond => Commands / Seconds;
}

/// <summary>
/// Closed loop: each of N workers opens a standard case and drives it to pickup, then starts the next, as fast as
/// the silo answers. After a warm-up (JIT, tiered compilation, pools) a measurement window opens: only commands and
/// cases finished inside it count. At the window's end workers finish the case in hand (so every case they opened
/// completes and is asserted) and stop.
/// </summary>
public static class ClosedLoop
{
    public static Task<LoadResult> RunAsync(
        ServiceHallClient client, int workers, TimeSpan warmUp, TimeSpan duration, Action? onWindowStart = null, Action? onWindowEnd = null) =>
        RunAsync(client, workers, () => Task.Delay(warmUp), duration, onWindowStart, onWindowEnd);

    /// <summary>
    /// As above, with a warm-up that lasts until <paramref name="warmUp"/> completes (it runs while the workers load
    /// the silo, e.g. until the silo's compilation has gone quiet); the window then lasts <paramref name="duration"/>.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        ServiceHallClient client, int workers, Func<Task> warmUp, TimeSpan duration, Action? onWindowStart = null, Action? onWindowEnd = null)
    {
        var clock = Stopwatch.StartNew();
        // Unknown until the warm-up ends: until then nothing is inside the window and the workers keep going.
        long windowStartTicks = long.MaxValue;
        long windowEndTicks = long.MaxValue;
        var windowStart = () => TimeSpan.FromTicks(Volatile.Read(ref windowStartTicks));
        var windowEnd = () => TimeSpan.FromTicks(Volatile.Read(ref windowEndTicks));
        var completed = new ConcurrentBag<string>();
        var samples = Enumerable.Range(0, workers).Select(_ => new LatencySamples()).ToArray();
        var counted = new int[workers];
        var sent = new int[workers];
        var casesCounted = 0;

        bool InWindow(TimeSpan at) => at >= windowStart() && at < windowEnd();

        async Task Worker(int index)
        {
            while (clock.Elapsed < windowEnd())
            {
                var started = StandardCase.Now();
                var caseId = await StandardCase.OpenAsync(client);
                Count(index, started);
                var status = "";
                for (var step = 0; step < StandardCase.Steps.Length; step++)
                {
                    started = StandardCase.Now();
                    status = await StandardCase.StepAsync(client, caseId, step);
                    Count(index, started);
                }

                StandardCase.RequireCompleted(caseId, status);
                if (InWindow(clock.Elapsed))
                {
                    Interlocked.Increment(ref casesCounted);
                    completed.Add(caseId);
                }
            }
        }

        void Count(int index, long started)
        {
            sent[index]++;
            if (InWindow(clock.Elapsed))
            {
                samples[index].RecordSince(started);
                counted[index]++;
            }
        }

        var running = Enumerable.Range(0, workers).Select(i => Task.Run(() => Worker(i))).ToList();
        // The window opens and closes on time (on the thread pool) even when every worker is waiting on a slow request.
        await Task.Run(warmUp);
        var opened = clock.Elapsed;
        Volatile.Write(ref windowEndTicks, (opened + duration).Ticks);
        Volatile.Write(ref windowStartTicks, opened.Ticks);
        onWindowStart?.Invoke();
        await Task.Delay(duration);
        onWindowEnd?.Invoke();
        await Task.WhenAll(running);
        return new LoadResult(duration.TotalSeconds, casesCounted, counted.Sum(), LatencySamples.Merge(samples), [.. completed], sent.Sum());
    }
}
