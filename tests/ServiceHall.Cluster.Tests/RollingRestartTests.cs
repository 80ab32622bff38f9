using Xunit.Abstractions;

namespace ServiceHall.Cluster.Tests;

/// <summary>
/// Rolling restart under load: each silo in turn gets SIGTERM (it drains: not ready, in-flight requests finish, grains
/// handed over), exits, starts again and is ready before the next one goes. Every issued command is acknowledged once.
/// The generator retries on the next silo, so a lost request would still end acknowledged: the drain itself is judged
/// by what the stopping silo answered between SIGTERM and its exit — refused connections only (its listener closed),
/// never a connection broken after it was made, a timeout or a 5xx.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ClusterFixture cluster, ITestOutputHelper output) : LoadDrill(cluster, output)
{
    private const int Workers = 16;
    private const int BackgroundWorkers = 4;

    /// <summary>
    /// The longest the cluster may go without acknowledging anything from a silo's exit until it is back and 100 more
    /// commands are acknowledged (issue 20): 5.3–18.7 s when silos joined cold, 1.6–6.8 s warmed up before joining, all
    /// on a 2-core machine at load average 30–78 (docs/benchmarks.md, "Cluster rejoin"). A ceiling for a stall, not a
    /// target: it must hold on a shared machine.
    /// </summary>
    private static readonly TimeSpan RejoinSilenceLimit = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task RestartingEverySiloInTurnUnderLoadAcknowledgesEveryCommandExactlyOnce()
    {
        await UnderLoadAsync(Workers, async run =>
        {
            var (load, ledger) = (run.Load, run.Ledger);
            await Waiting.UntilAsync(() => ledger.Acknowledged >= 300, Phase, () => $"300 acknowledged (have {ledger.Acknowledged})");
            foreach (var node in Cluster.Nodes)
            {
                var stoppingAt = ledger.Clock.Elapsed;
                var exitCode = await node.StopGracefullyAsync(TimeSpan.FromSeconds(40));
                var stoppedAt = ledger.Clock.Elapsed;
                // The stop (drain) ran under full load; while the silo starts again, a background load leaves the two
                // shared cores enough room for it to join (a pod's start is not what this test measures).
                load.LimitActiveWorkers(BackgroundWorkers);
                await node.StartAsync(ClusterFixture.ReadyWithin);
                load.LimitActiveWorkers(Workers);
                var readyAt = ledger.Clock.Elapsed;
                Output.WriteLine($"rolling: {node} SIGTERM at {stoppingAt.TotalSeconds:F1} s, exited {exitCode} after " +
                    $"{(stoppedAt - stoppingAt).TotalSeconds:F1} s, ready again at {readyAt.TotalSeconds:F1} s (starts repeated: {node.RepeatedStarts})");
                Assert.True(exitCode == 0, $"{node} exited {exitCode} after SIGTERM:\n{node.Output}");
                // Requests sent while the listener was still open must finish. One sent just as it closed can meet a
                // kept-alive connection closing under it (the HTTP keep-alive race no server can rule out); those count
                // as refused: nothing was accepted, and the generator repeats them elsewhere with the same key.
                var listenerClosedAt = stoppingAt + ClusterFixture.DrainDelay - TimeSpan.FromMilliseconds(100);
                var dropped = ledger.Failures
                    .Where(f => f.Silo == node.Name && f.EndedAt >= stoppingAt && f.StartedAt < listenerClosedAt && f.Kind != "refused")
                    .ToList();
                Assert.True(dropped.Count == 0,
                    $"{node} did not drain: {dropped.Count} accepted request(s) failed between SIGTERM and exit: " +
                    string.Join("; ", dropped.Take(10).Select(f =>
                        $"{f.Command.Action} {f.Kind} {f.StartedAt.TotalSeconds:F1}–{f.EndedAt.TotalSeconds:F1} s")));
                var before = ledger.Acknowledged;
                await Waiting.UntilAsync(() => ledger.Acknowledged >= before + 100, Phase,
                    () => $"100 acknowledged after {node.Name} came back (have {ledger.Acknowledged - before})");
                var (silence, silenceAt) = ledger.LongestSilence(stoppedAt, ledger.Clock.Elapsed);
                Output.WriteLine($"rolling: longest stretch without an acknowledgement from {node.Name}'s exit until 100 acknowledged " +
                    $"after its return: {silence.TotalSeconds:F2} s (from {silenceAt.TotalSeconds:F1} s)");
                Assert.True(silence <= RejoinSilenceLimit,
                    $"no command was acknowledged for {silence.TotalSeconds:F2} s (from {silenceAt.TotalSeconds:F1} s) around {node.Name}'s restart; limit {RejoinSilenceLimit.TotalSeconds} s");
            }

            var figures = await run.FinishAsync();
            Output.WriteLine($"rolling: {figures}");
            Output.WriteLine($"rolling: failed attempts by kind and silo: {string.Join(", ", ledger.Failures.GroupBy(f => $"{f.Kind} on {f.Silo}").OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");

            Assert.True(figures.Lost == 0 && figures.Unacknowledged == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
            Assert.True(figures.Duplicated == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
            Assert.True(figures.JournalGaps == 0 && figures.StuckCases == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
            Assert.True(figures.StaleRefusals == 0, $"{figures}\n{LedgerChecker.Describe(figures.Problems)}");
        });
    }
}
