using Microsoft.Extensions.Logging;

namespace ServiceHall.Grains.Cases.Sla;

/// <summary>
/// Registers the SLA sweep's reminder when the silo becomes active (every silo does; one reminder results). A silo that
/// cannot, because the reminder table is out of reach at that moment, keeps trying in the background until it can or
/// stops: without the reminder no threshold of an idle case would be raised until another silo started.
/// </summary>
internal sealed class SlaSweepStartup(
    IGrainFactory grains,
    ILogger<SlaSweepStartup> logger,
    TimeProvider? machineTime = null) : ILifecycleParticipant<ISiloLifecycle>
{
    // The machine's clock, not the hall's: a demo or test silo moves the hall's clock by hand, and a retry must not wait for that.
    private readonly TimeProvider _time = machineTime ?? TimeProvider.System;

    /// <summary>The waits before each further attempt; the last repeats until one succeeds.</summary>
    internal static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SlaSweepStartup), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryStartAsync())
        {
            // Not awaited: the silo serves meanwhile, and a case still catches up whenever it is activated.
            KeepTryingAsync(TryStartAsync, _time, _stopping.Token).Ignore();
        }
    }

    private Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    /// <summary>Calls <paramref name="attempt"/> after each of <see cref="RetryDelays"/> until it returns true or stopping.</summary>
    internal static async Task KeepTryingAsync(Func<Task<bool>> attempt, TimeProvider time, CancellationToken stopping)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                await Task.Delay(RetryDelays[Math.Min(tries, RetryDelays.Length - 1)], time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await attempt())
            {
                return;
            }
        }
    }

    private async Task<bool> TryStartAsync()
    {
        try
        {
            var registered = await grains.GetGrain<ISlaSweepGrain>(ISlaSweepGrain.Key).StartAsync();
            logger.LogInformation("SLA sweep: its reminder {Outcome}", registered ? "is registered" : "was registered already");
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not start the SLA sweep; trying again in the background");
            return false;
        }
    }
}
