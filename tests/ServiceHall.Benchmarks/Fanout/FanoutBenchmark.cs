using System.Globalization;
using ServiceHall.Benchmarks.Fanout;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks;

/// <summary>
/// Fan-out across silos, observer feed vs Orleans memory streams, on a two-silo in-process cluster: delivery latency to
/// one subscriber per silo at a steady rate, the publish rate the mechanism sustains, and what the survivor gets when
/// a silo dies under load. Fails when an observer subscriber misses a change in the steady run.
/// </summary>
public sealed class FanoutBenchmark : IBenchmark
{
    public string Name => "fanout";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var rate = settings.Number("--fanout-rate", settings.Smoke ? 20 : 200);
        var duration = TimeSpan.FromSeconds(settings.Number("--fanout-seconds", settings.Smoke ? 2 : 10));
        var killDuration = TimeSpan.FromSeconds(settings.Number("--fanout-kill-seconds", settings.Smoke ? 0 : 30));
        var observer = new FanoutSetup(FanoutMechanism.Observer, TimeSpan.FromMilliseconds(100));
        var stream = new FanoutSetup(FanoutMechanism.Stream, TimeSpan.FromMilliseconds(100));
        FanoutSetup[] setups = settings.Smoke ? [observer, stream] : [observer, stream, stream with { StreamPoll = TimeSpan.FromMilliseconds(10) }];

        var rows = new List<BenchmarkRow>();
        foreach (var setup in setups)
        {
            await using var cluster = await FanoutCluster.StartAsync(setup);
            var steady = await FanoutLoads.SteadyAsync(cluster, rate, duration);
            rows.Add(SteadyRow(setup, rate, duration, steady));
            // The product's mechanism must deliver everything; a stream variant's misses are a finding, reported in its row.
            if (setup.Mechanism == FanoutMechanism.Observer && steady.Silos.Sum(s => s.Missing) > 0)
            {
                throw new InvalidOperationException($"{setup.Label}: a subscriber missed changes in the steady run: "
                    + string.Join(", ", steady.Silos.Select(s => $"{s.Silo} missed {s.Missing}")));
            }

            if (!settings.Smoke)
            {
                var throughput = await FanoutLoads.ClosedLoopAsync(cluster, settings.Concurrency / 2, duration);
                rows.Add(ThroughputRow(setup, settings.Concurrency / 2, throughput));
            }
        }

        if (killDuration > TimeSpan.Zero)
        {
            foreach (var setup in new[] { observer, stream })
            {
                rows.Add(await KillRowAsync(setup, killDuration));
            }
        }

        return rows;
    }

    private async Task<BenchmarkRow> KillRowAsync(FanoutSetup setup, TimeSpan duration)
    {
        const double Rate = 50;
        await using var cluster = await FanoutCluster.StartAsync(setup);
        // Kill what each mechanism depends on: the feed grain's silo, or the silo holding the stream's pub-sub grain.
        var target = setup.Mechanism == FanoutMechanism.Observer ? await cluster.FeedSiloAsync() : await cluster.PubSubSiloAsync();
        var victim = cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(target)) ?? cluster.Silos[^1];
        var placements = await cluster.PlacementsAsync();
        var kill = await FanoutLoads.KillAsync(cluster, victim, placements[victim.Name], Rate, TimeSpan.FromSeconds(5), duration);
        return new BenchmarkRow(Name, $"{setup.Label}: silo killed at 5 s of {duration.TotalSeconds:0} s at {Rate:0}/s, seen from the survivor",
            new Dictionary<string, double>
            {
                ["published after kill"] = kill.PublishedAfterKill,
                ["lost after kill"] = kill.LostAfterKill,
                ["first delivery s"] = kill.FirstDeliverySeconds,
                ["longest gap s"] = kill.LongestGapSeconds,
                ["steady again s"] = kill.SteadyAgainSeconds,
                ["failed publishes"] = kill.FailedPublishes,
            },
            new Dictionary<string, string>
            {
                ["victim"] = $"{kill.Victim} ({kill.VictimHeld})",
                ["kill"] = "ungraceful in-process stop: no unsubscribe, but the silo still marks itself dead (no detection delay)",
            });
    }

    private BenchmarkRow SteadyRow(FanoutSetup setup, double rate, TimeSpan duration, SteadyResult steady)
    {
        var all = LatencySamples.Merge(steady.Silos.Select(s => s.Latency));
        return new BenchmarkRow(Name, string.Create(CultureInfo.InvariantCulture,
                $"{setup.Label}: {rate:0}/s for {duration.TotalSeconds:0} s, publish → subscriber on each of 2 silos"),
            new Dictionary<string, double>
            {
                ["p50 ms"] = all.Percentile(50),
                ["p99 ms"] = all.Percentile(99),
                ["max ms"] = all.Percentile(100),
                ["missing"] = steady.Silos.Sum(s => s.Missing),
                ["publish call p50 ms"] = steady.PublishCall.Percentile(50),
                ["publish call p99 ms"] = steady.PublishCall.Percentile(99),
                ["process CPU %"] = steady.ProcessCpuPercent,
            },
            new Dictionary<string, string>
            {
                ["per silo p50/p99 ms"] = string.Join(", ", steady.Silos.Select(s =>
                    string.Create(CultureInfo.InvariantCulture, $"{s.Silo} {s.Latency.Percentile(50):F1}/{s.Latency.Percentile(99):F1}"))),
                ["publish call"] = "the publishing grain's awaited call (a case grain would wait that long)",
            });
    }

    private BenchmarkRow ThroughputRow(FanoutSetup setup, int workers, ThroughputResult throughput) =>
        new(Name, $"{setup.Label}: closed loop, {workers} publishers",
            new Dictionary<string, double>
            {
                ["published/s"] = throughput.PublishedPerSecond,
                ["delivered/s per silo"] = throughput.Silos.Min(s => s.PerSecond),
                ["missing"] = throughput.Silos.Sum(s => s.Missing),
                ["drain s"] = throughput.DrainSeconds,
            },
            new Dictionary<string, string>
            {
                ["delivered/s"] = string.Join(", ", throughput.Silos.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Silo} {s.PerSecond:F0}"))),
                ["drain"] = "after the window, until every subscriber had every change",
            });
}
