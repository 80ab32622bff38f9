using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.TestingHost;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.Fanout;

/// <summary>What one silo's subscriber made of a load: delivery latency of each change it got, and how many it missed.</summary>
internal sealed record SiloDelivery(string Silo, LatencySamples Latency, int Received, int Missing);

/// <summary>A steady-rate run: per-silo delivery, the publisher's own call time, and this process's CPU.</summary>
internal sealed record SteadyResult(int Published, IReadOnlyList<SiloDelivery> Silos, LatencySamples PublishCall, double ProcessCpuPercent);

/// <summary>A closed-loop run: changes published per second and delivered per second to each silo.</summary>
internal sealed record ThroughputResult(double PublishedPerSecond, IReadOnlyList<(string Silo, double PerSecond, int Missing)> Silos, double DrainSeconds);

/// <summary>
/// A silo killed under a steady publish rate: at the survivor, how many changes published after the kill never arrived,
/// how long after the kill the first of them arrived, the longest silence, and how many publish calls failed.
/// </summary>
internal sealed record KillResult(
    string Victim, string VictimHeld, int PublishedAfterKill, int LostAfterKill, double FirstDeliverySeconds, double LongestGapSeconds,
    int FailedPublishes, double SteadyAgainSeconds);

internal static class FanoutLoads
{
    /// <summary>Publishes at <paramref name="rate"/> per second (open loop: on schedule, never waiting for answers).</summary>
    public static async Task<SteadyResult> SteadyAsync(FanoutCluster cluster, double rate, TimeSpan duration)
    {
        cluster.Recorder.Clear();
        var grains = cluster.GrainsOn(cluster.Silos[0]);
        var total = Math.Max(1, (int)(rate * duration.TotalSeconds));
        var sent = new long[total];
        var calls = new ConcurrentBag<double>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await PaceAsync(rate, total, async i =>
        {
            sent[i] = Stopwatch.GetTimestamp();
            await grains.GetGrain<IFanoutPublisherGrain>(i % FanoutCluster.Publishers).PublishAsync(FanoutStreams.Change(i));
            calls.Add(Stopwatch.GetElapsedTime(sent[i]).TotalMilliseconds);
        });
        await DrainAsync(cluster, cluster.Silos.Select(s => s.Name), total, TimeSpan.FromSeconds(15));
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / (clock.Elapsed.TotalSeconds * Environment.ProcessorCount) * 100;

        var silos = cluster.Silos.Select(s => Deliveries(cluster, s.Name, sent)).ToList();
        var call = new LatencySamples();
        foreach (var milliseconds in calls)
        {
            call.Record(milliseconds);
        }

        return new SteadyResult(total, silos, LatencySamples.Merge([call]), cpu);
    }

    /// <summary>As fast as <paramref name="workers"/> concurrent publishers go for <paramref name="duration"/>.</summary>
    public static async Task<ThroughputResult> ClosedLoopAsync(FanoutCluster cluster, int workers, TimeSpan duration)
    {
        cluster.Recorder.Clear();
        var grains = cluster.GrainsOn(cluster.Silos[0]);
        long next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var sequence = Interlocked.Increment(ref next);
                await grains.GetGrain<IFanoutPublisherGrain>(sequence % FanoutCluster.Publishers).PublishAsync(FanoutStreams.Change(sequence));
            }
        })));
        var elapsed = clock.Elapsed;
        var published = (int)(next + 1);
        var windowEnd = Stopwatch.GetTimestamp();
        await DrainAsync(cluster, cluster.Silos.Select(s => s.Name), published, TimeSpan.FromSeconds(30));
        var drain = clock.Elapsed - elapsed;
        var silos = cluster.Silos.Select(s =>
        {
            var receipts = cluster.Recorder.For(s.Name);
            var inWindow = receipts.Count(r => r.At <= windowEnd);
            var distinct = receipts.Select(r => r.Sequence).Distinct().Count();
            return (s.Name, inWindow / elapsed.TotalSeconds, published - distinct);
        }).ToList();
        return new ThroughputResult(published / elapsed.TotalSeconds, silos, drain.TotalSeconds);
    }

    /// <summary>
    /// Publishes at <paramref name="rate"/> through the survivor; after <paramref name="killAfter"/> kills
    /// <paramref name="victim"/>, then keeps publishing until <paramref name="duration"/> and waits for stragglers.
    /// </summary>
    public static async Task<KillResult> KillAsync(
        FanoutCluster cluster, InProcessSiloHandle victim, string victimHeld, double rate, TimeSpan killAfter, TimeSpan duration)
    {
        cluster.Recorder.Clear();
        var survivor = cluster.Silos.First(s => s.Name != victim.Name);
        var grains = cluster.GrainsOn(survivor);
        var total = (int)(rate * duration.TotalSeconds);
        var sent = new long[total];
        var failed = 0;
        long killedAt = 0;
        var killing = Task.Run(async () =>
        {
            await Task.Delay(killAfter);
            killedAt = Stopwatch.GetTimestamp();
            await cluster.KillAsync(victim);
        });
        await PaceAsync(rate, total, async i =>
        {
            sent[i] = Stopwatch.GetTimestamp();
            try
            {
                await grains.GetGrain<IFanoutPublisherGrain>(i % FanoutCluster.Publishers).PublishAsync(FanoutStreams.Change(i));
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
        });
        await killing;
        await DrainAsync(cluster, [survivor.Name], total, TimeSpan.FromSeconds(15));

        var receipts = cluster.Recorder.For(survivor.Name);
        var heard = receipts.Select(r => r.Sequence).Where(s => s >= 0).ToHashSet();
        var afterKill = Enumerable.Range(0, total).Where(i => sent[i] >= killedAt).ToList();
        var lost = afterKill.Count(i => !heard.Contains(i));
        var firstAfter = receipts.Where(r => r.Sequence >= 0 && sent[r.Sequence] >= killedAt).Select(r => r.At).DefaultIfEmpty(long.MaxValue).Min();
        var times = receipts.Select(r => r.At).Append(killedAt).Order().ToList();
        var longestGap = times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();

        // Delivery is steady again from the first post-kill change after which none was lost.
        var steadyFrom = afterKill.AsEnumerable().Reverse().TakeWhile(i => heard.Contains(i)).LastOrDefault(-1);
        return new KillResult(
            victim.Name, victimHeld, afterKill.Count, lost,
            firstAfter == long.MaxValue ? double.NaN : Seconds(killedAt, firstAfter),
            longestGap / (double)Stopwatch.Frequency, failed,
            steadyFrom < 0 ? double.NaN : Seconds(killedAt, sent[steadyFrom]));

        static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
    }

    private static SiloDelivery Deliveries(FanoutCluster cluster, string silo, long[] sent)
    {
        var samples = new LatencySamples();
        var seen = new HashSet<long>();
        foreach (var (sequence, at) in cluster.Recorder.For(silo))
        {
            if (sequence >= 0 && sequence < sent.Length && seen.Add(sequence))
            {
                samples.Record((at - sent[sequence]) * 1000.0 / Stopwatch.Frequency);
            }
        }

        return new SiloDelivery(silo, LatencySamples.Merge([samples]), seen.Count, sent.Length - seen.Count);
    }

    /// <summary>Starts <paramref name="publish"/>(i) at start + i / rate; late starts are not hidden (latency runs from the send).</summary>
    private static async Task PaceAsync(double rate, int total, Func<int, Task> publish)
    {
        var outstanding = new List<Task>(total);
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(i * interval));
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            outstanding.Add(Task.Run(() => publish(index)));
        }

        await Task.WhenAll(outstanding);
    }

    private static async Task DrainAsync(FanoutCluster cluster, IEnumerable<string> silos, int expected, TimeSpan timeout)
    {
        var names = silos.ToList();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && names.Any(s => cluster.Recorder.Count(s, seq => seq >= 0) < expected))
        {
            await Task.Delay(50);
        }
    }
}
