using System.Net;
using Xunit.Abstractions;

namespace ServiceHall.Cluster.Tests;

/// <summary>
/// PostgreSQL stopped for a few seconds under load: commands answer 503 with Retry-After while it is down and nothing
/// is half-applied; the service resumes by itself and the ledger checker finds nothing lost or doubled.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresOutageTests(ClusterFixture cluster, ITestOutputHelper output) : LoadDrill(cluster, output)
{
    private const int Workers = 24;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    // Pooled connections broken by the restart are noticed on first use and replaced; requests that began within this
    // time after PostgreSQL was back may still see one such failure.
    private static readonly TimeSpan ReconnectGrace = TimeSpan.FromSeconds(3);

    [SkippableFact]
    public async Task CommandsAnswer503WithRetryAfterOnlyWhilePostgresIsDownAndNothingIsLost()
    {
        await UnderLoadAsync(Workers, async run =>
        {
            var (ledger, postgres) = (run.Ledger, Cluster.Postgres!);
            try
            {
                await Waiting.UntilAsync(() => ledger.Acknowledged >= 400, Phase, () => $"400 acknowledged (have {ledger.Acknowledged})");
                var stoppingAt = ledger.Clock.Elapsed;
                await postgres.StopAsync();
                var stoppedAt = ledger.Clock.Elapsed;
                await Task.Delay(Outage);
                var startingAt = ledger.Clock.Elapsed;
                await postgres.StartAsync();
                var backAt = ledger.Clock.Elapsed;
                var acknowledgedAtReturn = ledger.Acknowledged;
                Output.WriteLine($"outage: PostgreSQL stopping at {stoppingAt.TotalSeconds:F1} s, down {stoppedAt.TotalSeconds:F1}–{startingAt.TotalSeconds:F1} s, " +
                    $"accepting again at {backAt.TotalSeconds:F1} s ({(backAt - stoppingAt).TotalSeconds:F1} s in all)");

                await Waiting.UntilAsync(() => ledger.Acknowledged >= acknowledgedAtReturn + 400, Phase,
                    () => $"400 more acknowledged after PostgreSQL returned (have {ledger.Acknowledged - acknowledgedAtReturn})");

                var figures = await run.FinishAsync();
                var unavailable = ledger.Failures.Where(f => f.Kind == "503").ToList();
                // A 503 belongs to the outage when it was answered after PostgreSQL began stopping and its request began
                // before PostgreSQL was back (plus the reconnect grace).
                var late = unavailable.Where(f => f.EndedAt < stoppingAt || f.StartedAt > backAt + ReconnectGrace).ToList();
                var lastStart = unavailable.Select(f => f.StartedAt).DefaultIfEmpty().Max();
                Output.WriteLine($"outage: {figures}");
                Output.WriteLine($"outage: 503 answers {unavailable.Count} (with Retry-After {unavailable.Count(f => f.RetryAfter is not null)}), " +
                    $"latest request answered 503 began {(lastStart - backAt).TotalSeconds:F2} s after PostgreSQL was back; " +
                    $"other failed attempts: {string.Join(", ", ledger.Failures.Where(f => f.Kind != "503").GroupBy(f => f.Kind).Select(g => $"{g.Key} {g.Count()} (began {g.Min(f => f.StartedAt).TotalSeconds:F1}–{g.Max(f => f.StartedAt).TotalSeconds:F1} s)"))}");

                Assert.True(figures.Lost == 0 && figures.Unacknowledged == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
                Assert.True(figures.Duplicated == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
                Assert.True(figures.JournalGaps == 0 && figures.StuckCases == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
                Assert.NotEmpty(unavailable);
                Assert.All(unavailable, f => Assert.NotNull(f.RetryAfter));
                Assert.True(late.Count == 0,
                    $"{late.Count} request(s) answered 503 outside the outage, e.g. {late.FirstOrDefault()?.StartedAt.TotalSeconds:F2}–{late.FirstOrDefault()?.EndedAt.TotalSeconds:F2} s");
                // Nothing but 503: no 500 leaked from a storage error.
                Assert.DoesNotContain(ledger.Failures, f => f.Kind == ((int)HttpStatusCode.InternalServerError).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            finally
            {
                // Before the workers are stopped (the drill's end), so they can finish against a running database.
                await postgres.StartIfStoppedAsync();
            }
        });
    }
}
