using System.Globalization;
using ServiceHall.Benchmarks.Measurement;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>
/// How long the closed loop loads the silo before its window opens. A silo runs for days, so the window should measure
/// the steady state: by default the warm-up lasts until the silo's tiered compilation has gone quiet under the load
/// (at least 5 s, at most <c>--warm-up-max</c>, 180 s by default). On a started silo the runtime recompiles
/// thousands of hot methods at Tier1 for 20-60 s after load begins (longer on a loaded machine: issue 20 found
/// 0.36-0.46 ms of JIT per command inside a window opened after a fixed 25 s); that is a start-up cost, not a cost
/// per command. <c>--warm-up S</c> keeps a fixed warm-up, as before (<c>--warm-up auto</c> is the default). The row's notes say which was used and how long
/// it took, and the window's compilation is reported either way (<c>silo JIT ms/cmd</c>).
/// </summary>
public sealed class WarmUp
{
    private static readonly TimeSpan Minimum = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(10);
    private const double QuietShare = 0.01; // of one core: a few stray methods a second, not a backlog

    // A fresh silo's tier-up took 3.5-9 s of worker CPU in every issue 20 run (embedded and PostgreSQL, with and
    // without PGO); the lulls before the backlog starts come before its first second.
    public const double MinimumWork = 1.0;

    private readonly BenchmarkSettings _settings;
    private readonly TieringWorker _tiering;
    private readonly bool _tieringOff;
    private readonly double _minimumWork;

    /// <param name="tieringOff">Tiered compilation is off in the measured process (nothing to wait for).</param>
    /// <param name="minimumWork">
    /// Seconds of compiling to see before quiet counts: <see cref="MinimumWork"/> for a freshly started process; less
    /// where the process has tiered up the same code already (a second load in the harness's own process).
    /// </param>
    public WarmUp(BenchmarkSettings settings, TieringWorker tiering, bool? tieringOff = null, double minimumWork = MinimumWork)
    {
        _settings = settings;
        _tiering = tiering;
        _tieringOff = tieringOff ?? (_settings.Option("--silo-env") ?? "").Contains("DOTNET_TieredCompilation=0", StringComparison.Ordinal);
        _minimumWork = minimumWork;
    }

    public string Description { get; private set; } = "";

    public async Task RunAsync()
    {
        var jitBefore = _tiering.Seconds();
        if (Fixed() is { } fixedWarmUp)
        {
            await Task.Delay(fixedWarmUp);
            Description = string.Create(CultureInfo.InvariantCulture,
                $"fixed {fixedWarmUp.TotalSeconds:F0} s; silo JIT during it {_tiering.Seconds() - jitBefore:F1} s CPU");
            return;
        }

        if (_tieringOff)
        {
            // Every method is compiled fully on first use: nothing is left to tier up, and no worker thread runs.
            await Task.Delay(Minimum);
            Description = string.Create(CultureInfo.InvariantCulture, $"{Minimum.TotalSeconds:F0} s (tiered compilation off in the silo)");
            return;
        }

        var maximum = TimeSpan.FromSeconds(_settings.Number("--warm-up-max", 180));
        var (waited, settled) = await _tiering.WaitUntilQuietAsync(Minimum, maximum, QuietFor, QuietShare, _minimumWork);
        Description = string.Create(CultureInfo.InvariantCulture,
            $"{waited.TotalSeconds:F0} s, {(settled ? "until the silo's tiered compilation went quiet" : "STOPPED AT --warm-up-max with compilation still running")} "
            + $"(after ≥ {_minimumWork:F1} s of it, < {QuietShare:P0} of a core for {QuietFor.TotalSeconds:F0} s); silo JIT during it {_tiering.Seconds() - jitBefore:F1} s CPU");
    }

    // The smoke warms up longer than its window is long: a freshly started silo compiles and activates for its first
    // seconds, and a busy CI machine can stretch those past a 1 s warm-up so that no case finishes inside the window.
    private TimeSpan? Fixed() =>
        _settings.Option("--warm-up") is { } seconds and not "auto" ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture))
        : _settings.Smoke ? TimeSpan.FromSeconds(4) : null;
}
