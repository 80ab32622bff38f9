using System.Diagnostics;
using System.Globalization;

namespace ServiceHall.Benchmarks.Measurement;

/// <summary>
/// CPU time of a .NET process's tiered-compilation worker, read from /proc (Linux). The runtime recompiles hot methods
/// (Tier0 → instrumented → Tier1) on this one background thread (named ".NET Tiered Compilation Worker", cut to 15
/// characters in /proc); in a freshly started silo it stays busy for tens of seconds after load begins, longer on a
/// loaded machine. The thread ends after a few idle seconds and a new one starts when work arrives, so each thread's
/// last reading is kept and the total only grows.
/// </summary>
public sealed class TieringWorker
{
    private const string ThreadName = ".NET Tiered Com";
    private const double TicksPerSecond = 100; // USER_HZ

    private readonly int _pid;
    private readonly Dictionary<int, long> _ticksByThread = [];

    public TieringWorker(int pid) => _pid = pid;

    /// <summary>CPU seconds every tiered-compilation worker of the process has used so far (as of this reading).</summary>
    public double Seconds()
    {
        lock (_ticksByThread)
        {
            foreach (var (thread, ticks) in ReadThreads())
            {
                _ticksByThread[thread] = ticks;
            }

            return _ticksByThread.Values.Sum() / TicksPerSecond;
        }
    }

    /// <summary>
    /// Waits, under whatever load the caller is applying, until the worker has done at least
    /// <paramref name="minimumWork"/> seconds of compiling since the call and then used less than
    /// <paramref name="quietShare"/> of one core over the last <paramref name="quietFor"/>; at least
    /// <paramref name="minimum"/> and at most <paramref name="maximum"/>. The work floor matters: when load begins the
    /// runtime delays tier-up while new methods are still being compiled at Tier0 on the request threads, so the worker
    /// can sit idle for several seconds before its backlog starts. Returns how long it waited and whether compilation
    /// went quiet (false: the maximum came first).
    /// </summary>
    public async Task<(TimeSpan Waited, bool Settled)> WaitUntilQuietAsync(
        TimeSpan minimum, TimeSpan maximum, TimeSpan quietFor, double quietShare, double minimumWork)
    {
        var clock = Stopwatch.StartNew();
        var atStart = Seconds();
        var readings = new Queue<(TimeSpan At, double Seconds)>();
        while (true)
        {
            var now = (clock.Elapsed, Seconds());
            readings.Enqueue(now);
            while (readings.Count > 1 && now.Elapsed - readings.Peek().At > quietFor)
            {
                readings.Dequeue();
            }

            var (firstAt, firstSeconds) = readings.Peek();
            var span = now.Elapsed - firstAt;
            var quiet = now.Item2 - atStart >= minimumWork && span >= quietFor * 0.9
                && (now.Item2 - firstSeconds) / span.TotalSeconds < quietShare;
            if (now.Elapsed >= minimum && quiet)
            {
                return (now.Elapsed, true);
            }

            if (now.Elapsed >= maximum)
            {
                return (now.Elapsed, false);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private IEnumerable<(int Thread, long Ticks)> ReadThreads()
    {
        string[] threads;
        try
        {
            threads = Directory.GetDirectories($"/proc/{_pid}/task");
        }
        catch (IOException)
        {
            yield break;
        }
        catch (UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var directory in threads)
        {
            if (Read(directory) is { } ticks && int.TryParse(Path.GetFileName(directory), out var thread))
            {
                yield return (thread, ticks);
            }
        }
    }

    private static long? Read(string threadDirectory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(threadDirectory, "stat"));
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || stat[(open + 1)..close] != ThreadName)
            {
                return null;
            }

            // Fields after the name: state is field 3; utime and stime are fields 14 and 15.
            var fields = stat[(close + 2)..].Split(' ');
            return long.Parse(fields[14 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null; // the thread ended between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
