using System.Diagnostics;

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
