using System.Diagnostics;

namespace ServiceHall.Benchmarks.Measurement;

/// <summary>
/// Every request's latency, kept whole (not bucketed) so percentiles are exact: a 20 s run at a few thousand
/// requests/s is well under a million doubles. Workers record into their own list to avoid contention; merge at the end.
/// </summary>
public sealed class LatencySamples
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Record(double milliseconds) => _milliseconds.Add(milliseconds);

    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public static LatencySamples Merge(IEnumerable<LatencySamples> parts)
    {
        var merged = new LatencySamples();
        foreach (var part in parts)
        {
            merged._milliseconds.AddRange(part._milliseconds);
        }

        merged._milliseconds.Sort();
        return merged;
    }

    /// <summary>Nearest-rank percentile of a merged (sorted) sample; NaN when empty.</summary>
    public double Percentile(double percent)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _milliseconds.Count);
        return _milliseconds[Math.Clamp(rank - 1, 0, _milliseconds.Count - 1)];
    }
}
