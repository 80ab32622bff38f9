using System.Globalization;
using System.Text;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>
/// Where an open loop's tail comes from (issue 20): the slowest 1 % of commands split by step, by how late the
/// harness sent them (its own timer and thread pool, not the silo) and by how they bunch in time — a stall of the
/// whole silo (a GC pause, a checkpoint, a full commit queue) makes many slow commands due within a few hundred
/// milliseconds of each other, a slow path of one command spreads them out. Every command goes to a CSV beside the
/// results so the timeline can be laid over dotnet-counters' one-second samples.
/// </summary>
public static class OpenLoopTail
{
    private const double BurstMs = 250;

    public static BenchmarkRow Row(string section, string mode, LoadResult open, string csvPath)
    {
        var timings = open.Timings;
        var threshold = Percentile(timings.Select(t => t.LatencyMs), 99);
        var slow = timings.Where(t => t.LatencyMs >= threshold).ToList();
        var bursts = slow.Select(t => (long)(t.DueMs / BurstMs)).Distinct().Count();
        var opens = timings.Where(t => t.Step == "open").Select(t => t.LatencyMs).ToList();
        var steps = timings.Where(t => t.Step != "open").Select(t => t.LatencyMs).ToList();
        Write(timings, csvPath);
        return new BenchmarkRow(section, $"{mode}: open loop tail (slowest 1 %)",
            new Dictionary<string, double>
            {
                ["p99 ms"] = threshold,
                ["dispatch lag p99 ms"] = Percentile(timings.Select(t => t.DispatchLagMs), 99),
                ["dispatch lag of slowest ms"] = slow.Count == 0 ? 0 : slow.Average(t => t.DispatchLagMs),
                ["open p99 ms"] = Percentile(opens, 99),
                ["action p99 ms"] = Percentile(steps, 99),
                ["slow commands"] = slow.Count,
                [$"{BurstMs:F0} ms windows holding them"] = bursts,
            },
            new Dictionary<string, string>
            {
                ["slow by step"] = string.Join(", ", slow.GroupBy(t => t.Step).OrderByDescending(g => g.Count())
                    .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}"))),
                ["slow due at (s)"] = string.Join(" ", slow.Select(t => (t.DueMs / 1000).ToString("F2", CultureInfo.InvariantCulture))),
                ["timeline"] = csvPath,
            });
    }

    /// <summary>The settling seconds' own figures, so what was left out of the percentiles stays in the report.</summary>
    public static string Settle(LoadResult open)
    {
        var settle = open.SettleTimings;
        if (settle.Count == 0)
        {
            return "none (measured from the first command)";
        }

        var seconds = settle[^1].DueMs / 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"first {Math.Ceiling(seconds):F0} s at the same rate not measured ({settle.Count} commands: p50 {Percentile(settle.Select(t => t.LatencyMs), 50):F1}, "
            + $"p99 {Percentile(settle.Select(t => t.LatencyMs), 99):F1}, max {settle.Max(t => t.LatencyMs):F1} ms); measured: the following commands only");
    }

    private static double Percentile(IEnumerable<double> values, double percent)
    {
        var samples = new LatencySamples();
        foreach (var value in values)
        {
            samples.Record(value);
        }

        return samples.Count == 0 ? 0 : LatencySamples.Merge([samples]).Percentile(percent);
    }

    private static void Write(IReadOnlyList<CommandTiming> timings, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder("due_ms,dispatch_lag_ms,latency_ms,step\n");
        foreach (var t in timings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{t.DueMs:F1},{t.DispatchLagMs:F2},{t.LatencyMs:F2},{t.Step}\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
