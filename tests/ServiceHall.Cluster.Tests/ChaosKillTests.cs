using ServiceHall.TestSupport;
using Xunit.Abstractions;

namespace ServiceHall.Cluster.Tests;

/// <summary>
/// Chaos run: three silos under load from every side, one killed with kill -9 while at least 50 requests are in flight,
/// restarted later. The ledger checker then reads every case: nothing acknowledged is lost or applied twice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ChaosKillTests(ClusterFixture cluster, ITestOutputHelper output) : LoadDrill(cluster, output)
{
    private const int Workers = 56;
    private const int BackgroundWorkers = 8;
    private const int RequiredAcknowledged = 3000;

    /// <summary>
    /// The longest the cluster may go without acknowledging anything while the killed silo rejoins (issue 20): 3.56 s
    /// when it joined cold; 0.70 s and 7.14 s warmed up before joining, the latter at load average 70 on two cores
    /// (docs/benchmarks.md, "Cluster rejoin"). A ceiling for a stall, not a target: it must hold on a shared machine.
    /// </summary>
    private static readonly TimeSpan RejoinSilenceLimit = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task KillingASiloUnderLoadLosesAndDuplicatesNothing()
    {
        await UnderLoadAsync(Workers, async run =>
        {
            var (load, ledger, victim) = (run.Load, run.Ledger, Cluster.Nodes[1]);
            await Waiting.UntilAsync(() => ledger.Acknowledged >= 600, Phase, () => $"600 acknowledged (have {ledger.Acknowledged})");
            await Waiting.UntilAsync(() => load.InFlight >= 50, Phase, () => $"50 requests in flight (have {load.InFlight})", pollMilliseconds: 1);
            var inFlightAtKill = load.InFlight;
            var killedAt = ledger.Clock.Elapsed;
            var acknowledgedAtKill = ledger.Acknowledged;
            victim.Kill();
            // Background load while the survivors take over and the victim rejoins: on two shared cores a saturated
            // cluster can starve a joining silo's probes. Full load returns once all three are up.
            load.LimitActiveWorkers(BackgroundWorkers);
            Output.WriteLine($"chaos: kill -9 {victim} at {killedAt.TotalSeconds:F1} s with {inFlightAtKill} requests in flight, {acknowledgedAtKill} acknowledged");

            // The survivors take over the dead silo's grains and the load goes on; then the dead silo comes back.
            await Waiting.UntilAsync(() => ledger.Acknowledged >= acknowledgedAtKill + 300, Phase,
                () => $"300 more acknowledged after the kill (have {ledger.Acknowledged - acknowledgedAtKill})");
            var restartingAt = ledger.Clock.Elapsed;
            Output.WriteLine($"chaos: 300 more acknowledged by {restartingAt.TotalSeconds:F1} s; restarting {victim}");
            await victim.StartAsync(ClusterFixture.ReadyWithin);
            var restartedAt = ledger.Clock.Elapsed;
            Output.WriteLine($"chaos: {victim} ready again at {restartedAt.TotalSeconds:F1} s (starts repeated: {victim.RepeatedStarts})");
            load.LimitActiveWorkers(Workers);
            await Waiting.UntilAsync(() => ledger.Acknowledged >= RequiredAcknowledged, Phase,
                () => $"{RequiredAcknowledged} acknowledged (have {ledger.Acknowledged})");

            var loadedUntil = ledger.Clock.Elapsed;
            var (killSilence, killSilenceAt) = ledger.LongestSilence(killedAt, restartingAt);
            var (rejoinSilence, rejoinSilenceAt) = ledger.LongestSilence(restartingAt, loadedUntil);
            Output.WriteLine($"chaos: longest stretch without an acknowledgement after the kill {killSilence.TotalSeconds:F2} s " +
                $"(from {killSilenceAt.TotalSeconds:F1} s); while {victim.Name} rejoined and after, until {loadedUntil.TotalSeconds:F1} s: " +
                $"{rejoinSilence.TotalSeconds:F2} s (from {rejoinSilenceAt.TotalSeconds:F1} s)");

            var figures = await run.FinishAsync();
            var killWindow = ledger.Failures.Where(f => f.EndedAt >= killedAt && f.StartedAt <= killedAt + TimeSpan.FromSeconds(30)).ToList();
            Output.WriteLine($"chaos: {figures}");
            Output.WriteLine($"chaos: failed attempts in the 30 s after the kill: {killWindow.Count} " +
                $"({string.Join(", ", killWindow.GroupBy(f => f.Kind).Select(g => $"{g.Key} {g.Count()}"))}); " +
                $"on the victim {killWindow.Count(f => f.Silo == victim.Name)}, on the survivors {killWindow.Count(f => f.Silo != victim.Name)}");

            Assert.True(inFlightAtKill >= 50, $"only {inFlightAtKill} requests in flight at the kill");
            Assert.True(figures.Acknowledged >= RequiredAcknowledged, figures.ToString());
            Assert.True(figures.Lost == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
            Assert.True(figures.Duplicated == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
            Assert.True(figures.Unacknowledged == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
            Assert.True(figures.JournalGaps == 0 && figures.StuckCases == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
            Assert.True(figures.StaleRefusals == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
            Assert.True(rejoinSilence <= RejoinSilenceLimit,
                $"no command was acknowledged for {rejoinSilence.TotalSeconds:F2} s (from {rejoinSilenceAt.TotalSeconds:F1} s) while {victim.Name} rejoined; limit {RejoinSilenceLimit.TotalSeconds} s");
            // The kill really hit load: clients saw failures and retried.
            Assert.NotEmpty(killWindow);
        });
    }
}
