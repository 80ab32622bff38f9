using Microsoft.Extensions.Logging;

namespace ServiceHall.Grains.Cases.Sla;

/// <summary>Registers the SLA sweep's reminder when the silo becomes active (every silo does; one reminder results).</summary>
internal sealed class SlaSweepStartup(IGrainFactory grains, ILogger<SlaSweepStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SlaSweepStartup), ServiceLifecycleStage.Active, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var registered = await grains.GetGrain<ISlaSweepGrain>(ISlaSweepGrain.Key).StartAsync();
            logger.LogInformation("SLA sweep: its reminder {Outcome}", registered ? "is registered" : "was registered already");
        }
        catch (Exception exception)
        {
            // The silo still serves and cases still catch up when activated; the next start (or another silo's) registers it.
            logger.LogWarning(exception, "Could not start the SLA sweep");
        }
    }
}
