using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ServiceHall.Benchmarks.Measurement;

/// <summary>
/// The disk's own flush latency while a load runs, measured outside every process under test: a thread of its own
/// overwrites one 8 KB block of a file in the temp folder (where the benchmark's PostgreSQL and SQLite keep their
/// data) and <c>fdatasync</c>s it, as a WAL flush does, every <see cref="Interval"/>. No durable commit, of ServiceHall or
/// of bare Npgsql, can be acknowledged before the disk flushes its log, so a flush that takes 80 ms here is an 80 ms
/// floor under every command waiting for a flush at that moment. Issue 20's ninth pass found such flushes inside the
/// open loops' slow bursts; the probe's own writes (50 small flushes a second) are its cost on the load.
/// </summary>
public sealed partial class DiskFlushProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private const double SlowMs = 20;

    private readonly List<(long At, double Ms)> _flushes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly string _path;
    private Exception? _failure;

    private DiskFlushProbe(string path)
    {
        _path = path;
        _thread = new Thread(Run) { IsBackground = true, Name = "disk flush probe" };
        _thread.Start();
    }

    /// <summary>Null when the platform has no <c>fdatasync</c> (the harness measures on Linux).</summary>
    public static DiskFlushProbe? Start() =>
        OperatingSystem.IsLinux() ? new DiskFlushProbe(Path.Combine(Path.GetTempPath(), $"servicehall-flush-probe-{Guid.NewGuid():N}.dat")) : null;

    private void Run()
    {
        try
        {
            Probe();
        }
        catch (Exception exception)
        {
            // On its own thread an exception would end the harness and every section's results with it: reported instead.
            _failure = exception;
        }
    }

    private void Probe()
    {
        var block = new byte[8192];
        Random.Shared.NextBytes(block);
        using var file = File.OpenHandle(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.DeleteOnClose);
        // Allocated and on disk before the first timed flush, so each one overwrites blocks, as a reused WAL segment is.
        for (var i = 0; i < 16; i++)
        {
            RandomAccess.Write(file, block, i * block.Length);
        }

        Sync(file);
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            RandomAccess.Write(file, block, n % 16 * block.Length);
            var started = Stopwatch.GetTimestamp();
            Sync(file);
            var ended = Stopwatch.GetTimestamp();
            lock (_flushes)
            {
                _flushes.Add((ended, Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds));
            }

            _stop.Token.WaitHandle.WaitOne(Interval);
        }
    }

    private static void Sync(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        if (fdatasync((int)file.DangerousGetHandle()) != 0)
        {
            throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the harness for one call.
    private static extern int fdatasync(int fd);
#pragma warning restore SYSLIB1054

    /// <summary>
    /// The flushes that ended after <paramref name="loopStart"/>: how many, their p50 / p99 / max, how many took over 20 ms, and when those
    /// ended, in seconds after <paramref name="loopStart"/> (a <see cref="Stopwatch"/> timestamp), so they can be read
    /// beside the open loop's "slow due at (s)".
    /// </summary>
    public BenchmarkRow Row(string section, string mode, long loopStart)
    {
        List<(long At, double Ms)> flushes;
        lock (_flushes)
        {
            flushes = [.. _flushes.Where(f => f.At >= loopStart)];
        }

        var samples = new LatencySamples();
        foreach (var flush in flushes)
        {
            samples.Record(flush.Ms);
        }

        var sorted = LatencySamples.Merge([samples]);
        var slow = flushes.Where(f => f.Ms > SlowMs).ToList();
        var notes = new Dictionary<string, string>
        {
            ["slow flushes ended at (s): ms"] = string.Join(" ", slow.Select(f => string.Create(CultureInfo.InvariantCulture,
                $"{Stopwatch.GetElapsedTime(loopStart, f.At).TotalSeconds:F2}:{f.Ms:F0}"))),
            ["what"] = "a file in the temp folder, where the benchmark's databases keep their data; outside every process under test",
        };
        if (_failure is { } failure)
        {
            notes["failed"] = failure.Message;
        }

        // Zero rather than NaN for a probe that flushed nothing: the results file is JSON.
        return new BenchmarkRow(section, $"{mode}: the disk's own flushes meanwhile, settling seconds included (8 KB fdatasync every {Interval.TotalMilliseconds:F0} ms)",
            new Dictionary<string, double>
            {
                ["flushes"] = flushes.Count,
                ["p50 ms"] = flushes.Count == 0 ? 0 : sorted.Percentile(50),
                ["p99 ms"] = flushes.Count == 0 ? 0 : sorted.Percentile(99),
                ["max ms"] = flushes.Count == 0 ? 0 : flushes.Max(f => f.Ms),
                [$"over {SlowMs:F0} ms"] = slow.Count,
            },
            notes);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
