namespace ServiceHall.Benchmarks;

/// <summary>One section of the harness (end to end, storage ceiling, peer, grain level, scale).</summary>
public interface IBenchmark
{
    /// <summary>Short name used by <c>--only</c> and in the report, e.g. <c>e2e</c>.</summary>
    string Name { get; }

    /// <summary>Runs the section and returns its rows; throws when something it asserts (every case completed) fails.</summary>
    Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}

/// <summary>
/// What every section gets: smoke (seconds, tiny N) or full, the concurrency, how long to load, where to write, and the
/// command line for options of its own (e.g. <c>--push-clients</c>).
/// </summary>
public sealed record BenchmarkSettings(bool Smoke, int Concurrency, TimeSpan Duration, string OutputFolder, IReadOnlyList<string>? Arguments = null)
{
    /// <summary>The value after <paramref name="name"/> on the command line, or null.</summary>
    public string? Option(string name) => (Arguments ?? []).SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>A numeric option, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string name, double fallback) =>
        Option(name) is { } text ? double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

/// <summary>
/// One line of the report: a section, what was measured, and named numbers (e.g. <c>commands/s</c>, <c>p99 ms</c>);
/// notes carry settings and caveats that belong beside the numbers.
/// </summary>
public sealed record BenchmarkRow(string Section, string Name, IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, string>? Notes = null);
