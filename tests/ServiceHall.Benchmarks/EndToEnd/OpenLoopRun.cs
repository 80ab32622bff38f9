using System.Runtime;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>What both open loops share: the harness's own collector held back while it times, and the result.</summary>
internal static class OpenLoopRun
{
    /// <summary>
    /// Runs <paramref name="dispatch"/> with blocking full collections held back. The client must not pause while it
    /// times the silo: a stall of the harness itself (every command due within 40 ms leaving together, dispatch lag
    /// 45 → 10 ms) once showed as a burst of slow commands.
    /// </summary>
    public static async Task HoldingCollectionsAsync(Func<Task> dispatch)
    {
        var latencyMode = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        try
        {
            await dispatch();
        }
        finally
        {
            GCSettings.LatencyMode = latencyMode;
        }
    }

    /// <summary>
    /// Rates over the measured seconds, percentiles of the measured commands; every case completed, settling ones
    /// included, goes to the verification.
    /// </summary>
    public static LoadResult Result(
        TimeSpan duration, long start, int measuredCases, IEnumerable<CommandTiming> timings, IEnumerable<CommandTiming> settleTimings, IEnumerable<string> completed)
    {
        var measured = timings.OrderBy(t => t.DueMs).ToList();
        var settling = settleTimings.OrderBy(t => t.DueMs).ToList();
        var samples = new LatencySamples();
        foreach (var timing in measured)
        {
            samples.Record(timing.LatencyMs);
        }

        return new LoadResult(duration.TotalSeconds, measuredCases, measured.Count, LatencySamples.Merge([samples]), [.. completed],
            measured.Count + settling.Count)
        {
            Timings = measured,
            SettleTimings = settling,
            StartTimestamp = start,
        };
    }
}
