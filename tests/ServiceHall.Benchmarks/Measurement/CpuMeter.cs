using System.Globalization;

namespace ServiceHall.Benchmarks.Measurement;

/// <summary>
/// CPU time of processes from /proc (Linux): utime+stime of a process, optionally with its children. For PostgreSQL
/// the postmaster's cutime/cstime hold the backends it has already reaped, and live backends are summed directly, so
/// a delta between two readings counts every backend that ran in between, however short-lived.
/// </summary>
public static class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ is 100 on every Linux build .NET supports.

    /// <summary>CPU seconds used so far by one process (0 when it is gone or /proc is absent).</summary>
    public static double ProcessSeconds(int pid) => Read(pid) is { } stat ? (stat.UTime + stat.STime) / TicksPerSecond : 0;

    /// <summary>CPU seconds of a process tree's root, its reaped children and its live children.</summary>
    public static double TreeSeconds(int rootPid)
    {
        if (Read(rootPid) is not { } root)
        {
            return 0;
        }

        var ticks = root.UTime + root.STime + root.CUTime + root.CSTime;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && pid != rootPid && Read(pid) is { } child && child.ParentPid == rootPid)
            {
                ticks += child.UTime + child.STime;
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The postmaster's pid: the first line of postmaster.pid in the data directory.</summary>
    public static int PostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);

    private static Stat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new Stat((int)Field(4), Field(14), Field(15), Field(16), Field(17));
    }

    private readonly record struct Stat(int ParentPid, long UTime, long STime, long CUTime, long CSTime);
}

/// <summary>CPU seconds of the silo, PostgreSQL and the harness, read at the start and the end of a window.</summary>
public sealed class CpuSplit
{
    private readonly int _siloPid;
    private readonly int? _postmasterPid;
    private (double Silo, double Postgres, double Harness, DateTime At) _start;

    public CpuSplit(int siloPid, int? postmasterPid)
    {
        _siloPid = siloPid;
        _postmasterPid = postmasterPid;
    }

    public void Start() => _start = Read();

    /// <summary>Percent of the machine (wall × cores) each used since <see cref="Start"/>.</summary>
    public (double Silo, double Postgres, double Harness) Stop()
    {
        var end = Read();
        var capacity = (end.At - _start.At).TotalSeconds * Environment.ProcessorCount;
        return (100 * (end.Silo - _start.Silo) / capacity, 100 * (end.Postgres - _start.Postgres) / capacity,
            100 * (end.Harness - _start.Harness) / capacity);
    }

    private (double Silo, double Postgres, double Harness, DateTime At) Read() => (
        CpuMeter.ProcessSeconds(_siloPid),
        _postmasterPid is { } pid ? CpuMeter.TreeSeconds(pid) : 0,
        CpuMeter.ProcessSeconds(Environment.ProcessId),
        DateTime.UtcNow);
}
