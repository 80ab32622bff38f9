using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using ServiceHall.Benchmarks.EndToEnd;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.Ceiling;

/// <summary>
/// Open loop of single writes at a fixed rate: write k is due at k / rate and goes to a row no other write holds at
/// that moment (a pool of <c>rows</c>, as cases are). Its latency runs from its due time, so a write that waited for
/// the harness's timer, a thread or a free row is charged for it, as the end-to-end open loops charge their commands.
/// What it gives is the storage's own tail at a given rate on this machine: a floor under any command that commits the
/// same rows at the same rate, whatever it does around the commit.
/// </summary>
public static class ScheduledWriteLoop
{
    /// <summary><paramref name="PerSecond"/> is the offered rate: writes due in the measured window, each waited for.</summary>
    public sealed record Result(double PerSecond, LatencySamples Latency, LatencySamples DispatchLag, long StartTimestamp);

    public static async Task<Result> RunAsync(int rows, double perSecond, TimeSpan warmUp, TimeSpan duration, Func<int, Task> write)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        var free = Channel.CreateBounded<int>(rows);
        for (var row = 0; row < rows; row++)
        {
            free.Writer.TryWrite(row);
        }

        var latencies = new ConcurrentBag<double>();
        var lags = new ConcurrentBag<double>();
        var failures = new ConcurrentQueue<Exception>();
        var end = warmUp + duration;
        var start = Stopwatch.GetTimestamp();

        async Task Fire(long due, bool measured)
        {
            try
            {
                var row = await free.Reader.ReadAsync();
                var began = Stopwatch.GetTimestamp();
                try
                {
                    await write(row);
                }
                finally
                {
                    free.Writer.TryWrite(row);
                }

                if (measured)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
                    lags.Add(Stopwatch.GetElapsedTime(due, began).TotalMilliseconds);
                }
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
            }
        }

        var outstanding = new List<Task>();
        await OpenLoopRun.HoldingCollectionsAsync(async () =>
        {
            for (long k = 0; failures.IsEmpty; k++)
            {
                var dueAfter = TimeSpan.FromSeconds(k / perSecond);
                if (dueAfter >= end)
                {
                    break;
                }

                var due = start + (long)(dueAfter.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                var measured = dueAfter >= warmUp;
                outstanding.Add(Task.Run(() => Fire(due, measured)));
            }

            await Task.WhenAll(outstanding);
        });

        if (failures.TryDequeue(out var failure))
        {
            throw new InvalidOperationException("A write failed under open-loop load.", failure);
        }

        return new Result(latencies.Count / duration.TotalSeconds, Sorted(latencies), Sorted(lags), start);

        static LatencySamples Sorted(IEnumerable<double> values)
        {
            var samples = new LatencySamples();
            foreach (var value in values)
            {
                samples.Record(value);
            }

            return LatencySamples.Merge([samples]);
        }
    }
}
