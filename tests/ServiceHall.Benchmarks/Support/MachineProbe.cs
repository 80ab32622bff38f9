using System.Diagnostics;
using System.Security.Cryptography;

namespace ServiceHall.Benchmarks.Support;

/// <summary>
/// Times a fixed single-thread workload (hashing and sorting, no I/O), so runs taken minutes apart can be compared.
/// Issue 20's sixth pass saw the same binaries give 0.35 and 0.75 ms of silo CPU per command within one hour on the
/// same machine: CPU time itself stretches when the host is busy, and this machine exposes no instruction counter.
/// A section whose probe took longer ran on a slower machine; the figure is printed before and after every section.
/// </summary>
public static class MachineProbe
{
    private static readonly byte[] Data = CreateData();

    /// <summary>The median of three runs of the workload, in milliseconds, after one untimed run (compilation, pages).</summary>
    public static double Milliseconds()
    {
        Work();
        var runs = new double[3];
        for (var i = 0; i < runs.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Work();
            runs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(runs);
        return runs[1];
    }

    private static void Work()
    {
        for (var i = 0; i < 4; i++)
        {
            SHA256.HashData(Data);
        }

        var numbers = new int[1 << 20];
        var state = 12345u;
        for (var i = 0; i < numbers.Length; i++)
        {
            state = state * 1664525 + 1013904223;
            numbers[i] = (int)state;
        }

        Array.Sort(numbers);
    }

    private static byte[] CreateData()
    {
        var data = new byte[8 << 20];
        new Random(20).NextBytes(data);
        return data;
    }
}
