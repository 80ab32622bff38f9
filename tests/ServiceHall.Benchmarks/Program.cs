using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ServiceHall.Benchmarks;

// dotnet run -c Release --project tests/ServiceHall.Benchmarks -- [--smoke] [--only e2e,ceiling,...] [--concurrency N] [--seconds S] [--out DIR]
//   e2e:    [--group-commit on|off] [--e2e-mode embedded|postgres] [--silo-env "K=V;K2=V2"] [--counters PATH-TO-dotnet-counters]
//           [--prefer-minimal on|off] (case actions answered id/status/stage/version, as the pages ask; default on)
//           [--warm-up S|auto] (seconds before the closed loop's window opens; default auto: until the silo's tiered
//           compilation has gone quiet under the load, at least 5 s, at most --warm-up-max S (180); the row says how long)
//           [--open-settle S] (seconds the open loop runs at half load before it measures; default 5; reported apart)
//           [--flush-probe on|off] (the disk's own fdatasync latency beside each open loop, e2e's and the ceiling's; default on)
//           [--gc-pauses on|off] (each of the silo's GC pauses beside each open loop, over EventPipe; default on)
//   grain, peer: [--prefer-minimal on|off] (the same choice for the in-memory silo's actions; default on)
//           [--warm-up S|auto] (as e2e, for this process's own compilation, before each engine's load)
//   push:   [--push-clients N] [--push-rate R] [--push-seconds S] [--push-storage embedded|postgres]
//   fanout: [--fanout-rate R] [--fanout-seconds S] [--fanout-kill-seconds S]
//   scale:  [--scale-cases N] [--scale-storage embedded|postgres|both] [--quiet-below LOAD] [--quiet-wait-minutes M]
var smoke = args.Contains("--smoke");
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var concurrency = int.Parse(Option("--concurrency") ?? (smoke ? "4" : "64"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Option("--seconds") ?? (smoke ? "2" : "20"), CultureInfo.InvariantCulture);
var output = Path.GetFullPath(Option("--out") ?? Path.Combine("artifacts", "benchmarks"));
Directory.CreateDirectory(output);

var settings = new BenchmarkSettings(smoke, concurrency, TimeSpan.FromSeconds(seconds), output, args);
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .Where(b => only is null || only.Contains(b.Name, StringComparer.OrdinalIgnoreCase))
    .OrderBy(b => Order(b.Name))
    .ToList();

Console.WriteLine($"ServiceHall benchmarks — {(smoke ? "smoke" : "full")}, concurrency {concurrency}, {seconds} s per load, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var rows = new List<BenchmarkRow>();
var failures = 0;
foreach (var benchmark in benchmarks)
{
    var clock = Stopwatch.StartNew();
    Console.WriteLine($"\n## {benchmark.Name}");
    try
    {
        var probeBefore = ServiceHall.Benchmarks.Support.MachineProbe.Milliseconds();
        var produced = await benchmark.RunAsync(settings, CancellationToken.None);
        var probeAfter = ServiceHall.Benchmarks.Support.MachineProbe.Milliseconds();
        produced = [.. produced, new BenchmarkRow(benchmark.Name, "machine probe: a fixed single-thread workload (ms; higher is a slower machine)",
            new Dictionary<string, double> { ["before ms"] = probeBefore, ["after ms"] = probeAfter })];
        rows.AddRange(produced);
        Console.WriteLine(Markdown(produced));
    }
    catch (Exception exception)
    {
        failures++;
        Console.WriteLine($"FAILED: {exception}");
    }

    Console.WriteLine($"({clock.Elapsed.TotalSeconds:F1} s)");
}

var json = Path.Combine(output, $"results-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { smoke, concurrency, seconds, machine = Environment.ProcessorCount, rows }, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"\nResults: {json}");
return failures == 0 && benchmarks.Count > 0 ? 0 : 1;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static int Order(string name) => Array.IndexOf(["e2e", "ceiling", "peer", "grain", "scale", "push", "fanout"], name) is var i and >= 0 ? i : 99;

static string Markdown(IReadOnlyList<BenchmarkRow> rows)
{
    if (rows.Count == 0)
    {
        return "(no rows)";
    }

    var columns = rows.SelectMany(r => r.Metrics.Keys).Distinct().ToList();
    var text = new StringBuilder();
    text.AppendLine("| section | measured | " + string.Join(" | ", columns) + " | notes |");
    text.AppendLine("|---|---|" + string.Concat(columns.Select(_ => "---:|")) + "---|");
    foreach (var row in rows)
    {
        var values = columns.Select(c => row.Metrics.TryGetValue(c, out var v) ? v.ToString(v >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture) : "");
        var notes = row.Notes is null ? "" : string.Join("; ", row.Notes.Select(n => $"{n.Key}: {n.Value}"));
        text.AppendLine($"| {row.Section} | {row.Name} | {string.Join(" | ", values)} | {notes} |");
    }

    return text.ToString();
}
