using System.Diagnostics;
using System.Globalization;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>
/// <c>--counters PATH</c>: runs dotnet-counters (PATH is its executable, installed as a tool) against the silo during
/// the open loop and keeps its one-second CSV: GC pauses and heap sizes, thread-pool queue and threads, lock
/// contention (System.Runtime), HTTP request durations on the server (Microsoft.AspNetCore.Hosting) and where case
/// saves wait and write (ServiceHall.Storage). Laid over the open loop's timeline it says which stall a slow command
/// met.
/// </summary>
public sealed class SiloCounters : IAsyncDisposable
{
    private const string Counters = "System.Runtime,Microsoft.AspNetCore.Hosting[http.server.request.duration],ServiceHall.Storage";

    private readonly Process _process;

    private SiloCounters(Process process, string path)
    {
        _process = process;
        Path = path;
    }

    public string Path { get; }

    public static async Task<SiloCounters?> StartAsync(string? tool, int pid, string path)
    {
        if (tool is null)
        {
            return null;
        }

        File.Delete(path);
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "collect", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "csv",
                     "-o", path, "--refresh-interval", "1", "--counters", Counters })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Attaching takes a moment; the first rows appear once the session runs.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15) && !(File.Exists(path) && new FileInfo(path).Length > 0) && !process.HasExited)
        {
            await Task.Delay(100);
        }

        return new SiloCounters(process, path);
    }

    /// <summary>
    /// The collector's figures over the file (the open loop, settle included), as one row: the heap after the last
    /// collection (gen2 and all generations), collections per generation, pause time in total and the worst second,
    /// the longest pause as far as one-second samples tell it (a second's pause time over its collections, so an average
    /// when a second held several), and the bytes allocated per command at <paramref name="commandsPerSecond"/>.
    /// </summary>
    public static BenchmarkRow? Summary(string section, string mode, string path, double commandsPerSecond)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var samples = new List<(string Time, string Name, double Value)>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment: a name may hold commas, the ends do not.
            var first = line.IndexOf(',', StringComparison.Ordinal);
            var second = first < 0 ? -1 : line.IndexOf(',', first + 1);
            var last = line.LastIndexOf(',');
            var beforeLast = last <= 0 ? -1 : line.LastIndexOf(',', last - 1);
            if (second < 0 || beforeLast <= second
                || !double.TryParse(line[(last + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            samples.Add((line[..first], line[(second + 1)..beforeLast], value));
        }

        if (samples.Count == 0)
        {
            return null;
        }

        static bool Is(string name, string counter) => name.StartsWith(counter, StringComparison.Ordinal);
        double Collections(string generation) =>
            samples.Where(s => Is(s.Name, "dotnet.gc.collections") && s.Name.EndsWith($"={generation}]", StringComparison.Ordinal)).Sum(s => s.Value);

        var heapSamples = samples.Where(s => Is(s.Name, "dotnet.gc.last_collection.heap.size")).ToList();
        var lastHeap = heapSamples.Count == 0 ? [] : heapSamples.Where(s => s.Time == heapSamples[^1].Time).ToList();
        var pauses = samples.Where(s => Is(s.Name, "dotnet.gc.pause.time")).ToList();
        var perSecond = pauses.Select(p => (Pause: p.Value, Collections: samples
            .Where(s => s.Time == p.Time && Is(s.Name, "dotnet.gc.collections")).Sum(s => s.Value))).ToList();
        var allocated = samples.Where(s => Is(s.Name, "dotnet.gc.heap.total_allocated")).Select(s => s.Value).ToList();
        var allocatedPerSecond = allocated.Count == 0 ? 0 : allocated.Average();
        return new BenchmarkRow(section, $"{mode}: the silo's collector in the open loop",
            new Dictionary<string, double>
            {
                ["gen2 MB (end)"] = lastHeap.Where(s => s.Name.EndsWith("=gen2]", StringComparison.Ordinal)).Sum(s => s.Value) / 1e6,
                ["heap MB (end)"] = lastHeap.Sum(s => s.Value) / 1e6,
                ["gen0 GCs"] = Collections("gen0"),
                ["gen1 GCs"] = Collections("gen1"),
                ["gen2 GCs"] = Collections("gen2"),
                ["pause ms total"] = pauses.Sum(p => p.Value) * 1000,
                ["pause ms worst second"] = pauses.Count == 0 ? 0 : pauses.Max(p => p.Value) * 1000,
                ["pause ms longest (≈)"] = perSecond.Where(p => p.Collections > 0).Select(p => p.Pause / p.Collections * 1000).DefaultIfEmpty().Max(),
                ["allocated KB/cmd"] = commandsPerSecond > 0 ? allocatedPerSecond / commandsPerSecond / 1024 : 0,
            },
            new Dictionary<string, string>
            {
                ["window"] = $"{pauses.Count} one-second samples of dotnet-counters (settle included)",
                ["heap"] = "after the last collection in the window: gen2 alone, and gen0+gen1+gen2+LOH+POH",
            });
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // dotnet-counters flushes its file and ends on SIGINT-like input ('q'); killing it keeps what was written.
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
