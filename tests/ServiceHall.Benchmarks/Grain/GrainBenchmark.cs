using ServiceHall.Benchmarks.Support;

namespace ServiceHall.Benchmarks.Grain;

/// <summary>
/// Section 4, grain level: the engine's own overhead. One in-process silo with in-memory storage; each of
/// <c>Concurrency</c> callers opens the standard case and drives it to pickup, over and over, for the load window.
/// </summary>
public sealed class GrainBenchmark : IBenchmark
{
    public string Name => "grain";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var result = await ServiceHallLoad.RunAsync(settings);
        // The same load again with state kept by reference: the difference is what serializing state costs per command.
        var unserialized = await ServiceHallLoad.RunAsync(settings, new ReferenceGrainStorage());
        return
        [
            new BenchmarkRow(Name, "standard case to pickup, in-memory silo", result.Metrics(), new Dictionary<string, string>
            {
                ["concurrency"] = settings.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["storage"] = "Orleans memory storage + ServiceHall JSON serializer; in-memory reminders",
                ["commands"] = "open + 6 actions per case, each awaited by the caller",
            }),
            new BenchmarkRow(Name, "same, state kept by reference (no serialization)", unserialized.Metrics(), new Dictionary<string, string>
            {
                ["why"] = "diagnostic: isolates the JSON cost of the case, hall-index and SMS-ledger writes from the rest of the command path",
            }),
        ];
    }
}

/// <summary>The ServiceHall side of the grain and peer sections: a fresh silo, a warm-up, then the measured load.</summary>
internal static class ServiceHallLoad
{
    /// <summary>Runs on Orleans' memory storage with the shipped serializer, or on <paramref name="storage"/> when given.</summary>
    public static async Task<LoadResult> RunAsync(BenchmarkSettings settings, ReferenceGrainStorage? storage = null)
    {
        await using var silo = await InMemorySilo.StartAsync(storage: storage is null ? null : (_, _) => storage);
        // Warm-up: JIT, the catalogue and definition grains, the hall's number and index grains.
        await ClosedLoop.RunAsync(settings.Concurrency, Warmup(settings), log => StandardCase.DriveAsync(silo.Grains, log));
        return await ClosedLoop.RunAsync(settings.Concurrency, settings.Duration, log => StandardCase.DriveAsync(silo.Grains, log));
    }

    public static TimeSpan Warmup(BenchmarkSettings settings) => TimeSpan.FromSeconds(settings.Smoke ? 0.5 : 3);
}
