using System.Diagnostics;
using System.Globalization;
using ServiceHall.Benchmarks.EndToEnd;
using ServiceHall.Benchmarks.Measurement;
using ServiceHall.Benchmarks.Push;
using ServiceHall.TestSupport;

namespace ServiceHall.Benchmarks;

/// <summary>
/// Push latency: N real SignalR board clients (WebSockets, loopback) on the clerk's hall board of a Release silo
/// process, commands at a steady rate, and for every (command × client) the time from the durable write to the
/// client's handler. Fails when any client misses a push or a connection drops.
/// </summary>
public sealed class PushBenchmark : IBenchmark
{
    public string Name => "push";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var options = PushOptions.From(settings);
        await using var postgres = options.Postgres ? await PostgresServer.StartAsync(durable: true) : null;
        await using var silo = await SiloUnderTest.StartAsync(postgres, requireRelease: !settings.Smoke, options.SiloSettings);
        using var http = new ServiceHallClient(silo.BaseUrl, 32);
        await http.SignInAsync("clerk", "reviewer");
        await using var stamps = await CommitStamps.SubscribeAsync(silo.GatewayPort);

        await using var boards = await BoardClients.ConnectAsync(silo.BaseUrl, http.AccessToken("clerk"), options.Clients, options.ConnectBatch);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"push: {boards.Clients.Count} clients connected and joined in {boards.ConnectElapsed.TotalSeconds:F1} s ({boards.Retries} retries)"));

        // CPU from the first measured command until every client heard the last one: the cost of the measured pushes.
        var cpu = new CpuSplit(silo.ProcessId, postmasterPid: null);
        var window = new Stopwatch();
        var commands = await CommandStream.RunAsync(http, options.CommandsPerSecond, options.WarmUp, options.Duration, () =>
        {
            cpu.Start();
            window.Start();
        });
        var drained = await boards.WaitForAsync(commands.Count, TimeSpan.FromSeconds(60));
        var (siloCpu, _, harnessCpu) = cpu.Stop();
        window.Stop();
        await WaitForStampsAsync(stamps, commands);

        var report = PushReport.Analyse(commands, boards.Clients, stamps.Stamps);
        var dropped = boards.Clients.Count(c => c.ClosedUnexpectedly is not null);
        var cost = new PushCost(siloCpu, harnessCpu, window.Elapsed, (long)report.MeasuredCommands * boards.Clients.Count);
        var rows = Rows(options, boards, report, cost, dropped);
        if (report.Missing > 0 || dropped > 0 || !drained)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Push run incomplete: {report.Missing} missing receipts of {(long)commands.Count * boards.Clients.Count}, {dropped} connections dropped, drained: {drained}. Rows: {string.Join(" / ", rows.Select(r => r.Name + " " + string.Join(", ", r.Metrics.Select(m => $"{m.Key}={m.Value:F1}"))))}"));
        }

        return rows;
    }

    private static async Task WaitForStampsAsync(CommitStamps stamps, IReadOnlyList<SentCommand> commands)
    {
        for (var attempt = 0; attempt < 100 && commands.Any(c => !stamps.Stamps.ContainsKey((c.CaseId, c.Version))); attempt++)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Each process's share of the machine over the window, and its CPU time per delivered push.</summary>
    private sealed record PushCost(double SiloPercent, double HarnessPercent, TimeSpan Window, long Deliveries)
    {
        public double SiloMicroseconds => PerDelivery(SiloPercent);

        public double HarnessMicroseconds => PerDelivery(HarnessPercent);

        private double PerDelivery(double percent) =>
            percent / 100 * Environment.ProcessorCount * Window.TotalSeconds * 1e6 / Math.Max(1, Deliveries);
    }

    private List<BenchmarkRow> Rows(PushOptions options, BoardClients boards, PushReport report, PushCost cost, int dropped)
    {
        var load = string.Create(CultureInfo.InvariantCulture,
            $"{options.Mode}: {boards.Clients.Count} clients, {options.CommandsPerSecond:0.#} commands/s, {options.Duration.TotalSeconds:0.#} s");
        var notes = new Dictionary<string, string>
        {
            ["commands"] = report.MeasuredCommands.ToString(CultureInfo.InvariantCulture),
            ["receipts"] = report.Receipts.ToString(CultureInfo.InvariantCulture),
            ["missing"] = report.Missing.ToString(CultureInfo.InvariantCulture),
            ["out of order"] = report.OutOfOrder.ToString(CultureInfo.InvariantCulture),
            ["duplicates"] = report.Duplicates.ToString(CultureInfo.InvariantCulture),
            ["unexpected"] = report.Unexpected.ToString(CultureInfo.InvariantCulture),
            ["unstamped"] = report.Unstamped.ToString(CultureInfo.InvariantCulture),
            ["dropped connections"] = dropped.ToString(CultureInfo.InvariantCulture),
            ["silo settings"] = options.SiloSettings.Count == 0 ? "defaults" : string.Join(" ", options.SiloSettings),
            ["CPU"] = string.Create(CultureInfo.InvariantCulture,
                $"% of {Environment.ProcessorCount} cores × wall from the first measured command until all were heard ({cost.Window.TotalSeconds:F1} s)"),
        };
        return
        [
            new BenchmarkRow(Name, string.Create(CultureInfo.InvariantCulture,
                    $"{options.Mode}: connect {boards.Clients.Count} clients (WebSockets, batches of {options.ConnectBatch}) + JoinBoard"),
                new Dictionary<string, double>
                {
                    ["connect s"] = boards.ConnectElapsed.TotalSeconds,
                    ["p50 ms"] = boards.PerConnection.Percentile(50),
                    ["p99 ms"] = boards.PerConnection.Percentile(99),
                    ["max ms"] = boards.PerConnection.Percentile(100),
                },
                new Dictionary<string, string> { ["retries"] = boards.Retries.ToString(CultureInfo.InvariantCulture) }),
            new BenchmarkRow(Name, $"{load}: durable write → client receipt", Latencies(report.WriteToReceipt, report.WriteToReceipt.Count, cost), notes),
            new BenchmarkRow(Name, $"{load}: command sent → client receipt (upper bound)", Latencies(report.SendToReceipt, report.SendToReceipt.Count)),
            new BenchmarkRow(Name, $"{load}: durable write → harness feed observer (feed hop)", Latencies(report.FeedHop, report.FeedHop.Count)),
            new BenchmarkRow(Name, $"{load}: first → last client receipt per command (fan-out spread)", Latencies(report.Spread, report.Spread.Count)),
            new BenchmarkRow(Name, $"{load}: command HTTP round trip", Latencies(report.Command, report.Command.Count)),
        ];
    }

    private static Dictionary<string, double> Latencies(LatencySamples samples, int count, PushCost? cost = null)
    {
        var metrics = new Dictionary<string, double>
        {
            ["samples"] = count,
            ["p50 ms"] = samples.Percentile(50),
            ["p95 ms"] = samples.Percentile(95),
            ["p99 ms"] = samples.Percentile(99),
            ["max ms"] = samples.Percentile(100),
        };
        if (cost is not null)
        {
            metrics["silo CPU %"] = cost.SiloPercent;
            metrics["harness CPU %"] = cost.HarnessPercent;
            metrics["silo µs/push"] = cost.SiloMicroseconds;
            metrics["harness µs/push"] = cost.HarnessMicroseconds;
        }

        return metrics;
    }
}
