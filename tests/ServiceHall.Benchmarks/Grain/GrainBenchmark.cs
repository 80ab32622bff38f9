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
                ["answers"] = ServiceHallLoad.Answers(settings),
                ["warm-up"] = result.WarmUp,
            }),
            new BenchmarkRow(Name, "same, state kept by reference (no serialization)", unserialized.Metrics(), new Dictionary<string, string>
            {
                ["why"] = "diagnostic: isolates the JSON cost of the case, hall-index and SMS-ledger writes from the rest of the command path",
                ["warm-up"] = unserialized.WarmUp,
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
        var minimal = MinimalAnswers(settings);
        // Warm-up: tiered compilation, the catalogue and definition grains, the hall's number and index grains.
        var warmUp = await InProcessWarmUp.RunAsync(settings, log => StandardCase.DriveAsync(silo.Grains, log, minimal));
        var result = await ClosedLoop.RunAsync(settings.Concurrency, settings.Duration, log => StandardCase.DriveAsync(silo.Grains, log, minimal));
        result.WarmUp = warmUp;
        return result;
    }

    /// <summary>
    /// <c>--prefer-minimal on|off</c>, as in the e2e section: the actions ask for the minimal answer as the pages do
    /// (default), or for the full case view.
    /// </summary>
    public static bool MinimalAnswers(BenchmarkSettings settings) => settings.Option("--prefer-minimal") is not ("off" or "false");

    public static string Answers(BenchmarkSettings settings) => MinimalAnswers(settings)
        ? "actions answered with id, status, stage and version (as the pages ask: Prefer: return=minimal); the opening with the full case view"
        : "every command answered with the full case view (--prefer-minimal off)";
}
