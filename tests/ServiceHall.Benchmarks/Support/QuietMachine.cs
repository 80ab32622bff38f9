using System.Diagnostics;
using System.Globalization;

namespace ServiceHall.Benchmarks.Support;

/// <summary>
/// Waits for the machine's one-minute load average to fall below a bound before latencies are timed. Seeding a million
/// cases takes minutes and may share the machine with builds; the queries' p99 means something only when nothing else
/// runs, so a run can seed under load and time later (<c>--quiet-below L</c>, <c>--quiet-wait-minutes M</c>). Two
/// runs seeding side by side (say SQLite and PostgreSQL) take turns: the turn is an exclusive lock file held until the
/// caller disposes it, so one run's queries never share the machine with the other's.
/// </summary>
public static class QuietMachine
{
    private static readonly string TurnFile = Path.Combine(Path.GetTempPath(), "servicehall-benchmark-quiet-turn");

    public static async Task<(string Note, IDisposable Turn)> WaitAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Option("--quiet-below") is not { } text || !File.Exists("/proc/loadavg"))
        {
            return ("", new MemoryStream());
        }

        var turn = await TakeTurnAsync(cancellationToken);
        var bound = double.Parse(text, CultureInfo.InvariantCulture);
        var limit = TimeSpan.FromMinutes(settings.Number("--quiet-wait-minutes", 90));
        var clock = Stopwatch.StartNew();
        while (LoadAverage() >= bound && clock.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"waited {clock.Elapsed.TotalMinutes:F1} min for load average < {bound} (now {LoadAverage():F2}{(clock.Elapsed >= limit ? ", gave up" : "")})");
        Console.WriteLine("  " + note);
        return (note, turn);
    }

    private static async Task<FileStream> TakeTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(TurnFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            }
        }
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
