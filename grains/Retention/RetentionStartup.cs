using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceHall.Grains.Retention;

/// <summary>
/// Once the silo is active, asks the retention job to (re)register its reminder, so a fresh database or a changed
/// setting takes effect without an admin. Every silo does it; the grain makes repeats harmless.
/// </summary>
internal sealed class RetentionStartup(IGrainFactory grains, ILogger<RetentionStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RetentionStartup), ServiceLifecycleStage.Active, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IRetentionGrain>(IRetentionGrain.Key).StartAsync();
        }
        catch (Exception exception)
        {
            // The silo still serves; the next start (or another silo's) registers the job.
            logger.LogWarning(exception, "Could not start the retention job");
        }
    }
}

/// <summary>Refuses to start with retention options that cannot run, naming the setting.</summary>
internal sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
