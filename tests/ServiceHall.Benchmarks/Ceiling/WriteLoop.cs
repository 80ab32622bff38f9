using System.Diagnostics;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.Ceiling;

/// <summary>
/// Closed loop of single writes: N workers each call <c>write(worker)</c> back to back; after a warm-up, writes
/// finished inside the window count, each with its latency.
/// </summary>
public static class WriteLoop
{
    public static async Task<(double PerSecond, LatencySamples Latency)> RunAsync(
        int workers, TimeSpan warmUp, TimeSpan duration, Func<int, Task> write)
    {
        var clock = Stopwatch.StartNew();
        var windowEnd = warmUp + duration;
        var samples = Enumerable.Range(0, workers).Select(_ => new LatencySamples()).ToArray();

        async Task Worker(int index)
        {
            while (clock.Elapsed < windowEnd)
            {
                var started = Stopwatch.GetTimestamp();
                await write(index);
                var at = clock.Elapsed;
                if (at >= warmUp && at < windowEnd)
                {
                    samples[index].RecordSince(started);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(() => Worker(i))));
        var merged = LatencySamples.Merge(samples);
        return (merged.Count / duration.TotalSeconds, merged);
    }
}
