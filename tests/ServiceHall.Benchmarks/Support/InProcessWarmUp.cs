using ServiceHall.Benchmarks.EndToEnd;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.Support;

/// <summary>
/// The warm-up of the sections whose engine runs inside the harness (grain, peer): the same rule as the e2e section's
/// (<see cref="WarmUp"/>: by default until tiered compilation has gone quiet under the load, <c>--warm-up S</c> for a
/// fixed one), applied to this process's own compilation worker. With a fixed 3 s these sections measured the runtime
/// still recompiling hot methods, which is a start-up cost, not one per command. The harness runs several loads in one
/// process, and each later load finds much of the code tiered up already, so only the first asks for a full second of
/// compiling before it may call the process quiet.
/// </summary>
internal static class InProcessWarmUp
{
    private static bool s_settledOnce;

    /// <summary>Drives cases until warm; returns how the warm-up went, for the row's notes.</summary>
    public static async Task<string> RunAsync(BenchmarkSettings settings, Func<CommandLog, Task> driveCase)
    {
        if (settings.Smoke)
        {
            await ClosedLoop.RunAsync(settings.Concurrency, TimeSpan.FromSeconds(0.5), driveCase);
            return "fixed 0.5 s (smoke)";
        }

        using var stop = new CancellationTokenSource();
        var load = ClosedLoop.RunUntilAsync(settings.Concurrency, stop.Token, driveCase);
        var warmUp = new WarmUp(
            settings,
            new TieringWorker(Environment.ProcessId),
            tieringOff: Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0",
            minimumWork: s_settledOnce ? 0 : WarmUp.MinimumWork);
        try
        {
            await warmUp.RunAsync();
        }
        finally
        {
            await stop.CancelAsync();
            await load;
        }

        s_settledOnce = true;
        return warmUp.Description.Replace("silo JIT", "JIT", StringComparison.Ordinal);
    }
}
