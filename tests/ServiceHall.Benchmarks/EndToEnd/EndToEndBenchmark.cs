using ServiceHall.Benchmarks.EndToEnd;
using ServiceHall.TestSupport;

namespace ServiceHall.Benchmarks;

/// <summary>Section 1: the standard case over HTTP against a Release silo process, Embedded then PostgreSQL mode.</summary>
public sealed class EndToEndBenchmark : IBenchmark
{
    public string Name => "e2e";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var rows = new List<BenchmarkRow>();
        // --e2e-mode embedded|postgres: one storage mode only (back-to-back pairs of a runtime or storage setting).
        var only = settings.Option("--e2e-mode");
        if (only is null or "embedded")
        {
            var (embedded, _) = await EndToEndRun.RunAsync(settings, postgres: null, Name);
            rows.AddRange(embedded);
        }

        if (only is "embedded")
        {
            return rows;
        }

        // Durable (fsync on): the numbers must hold when the power goes.
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        var (postgresRows, result) = await EndToEndRun.RunAsync(settings, postgres, Name);
        rows.AddRange(postgresRows);
        SharedResults.PostgresMode = result;
        return rows;
    }
}
