using System.Globalization;

namespace ServiceHall.Benchmarks.Scale;

/// <summary>This process's resident memory, as the kernel counts it, after the GC gave back what it can.</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set size in MB after an aggressive, compacting full collection.</summary>
    public static double ResidentMegabytesAfterFullGc()
    {
        // Aggressive mode also decommits free regions, so server GC's retained segments do not count as the silo's.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return ResidentMegabytes();
    }

    public static double ManagedHeapMegabytes() => GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;

    /// <summary>VmRSS from /proc/self/status (kB), or NaN where there is no procfs.</summary>
    public static double ResidentMegabytes() => ResidentMegabytes("self");

    /// <summary>VmRSS of another process (a silo the harness started), or NaN where there is no procfs.</summary>
    public static double ResidentMegabytes(int processId) => ResidentMegabytes(processId.ToString(CultureInfo.InvariantCulture));

    private static double ResidentMegabytes(string process)
    {
        var path = $"/proc/{process}/status";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? double.NaN : double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
    }
}
