using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>When <see cref="CaseDailyFiguresFolder"/> folds the day's changes into the daily figures.</summary>
public sealed class CaseDailyFiguresOptions
{
    /// <summary>
    /// How often each silo folds. Statistics fold before they read anyway; this keeps the change rows (about four per
    /// case) from piling up in a hall where nobody opens the statistics page for weeks. Zero turns it off.
    /// </summary>
    public TimeSpan FoldInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Folds <c>case_daily_change</c> into <c>case_daily</c> every <see cref="CaseDailyFiguresOptions.FoldInterval"/>, so a
/// statistics request never has weeks of changes to move first. Folds from several silos are safe
/// (<see cref="CaseDailyFigures.FoldAsync(ICaseRowsDatabase, CancellationToken)"/>).
/// </summary>
internal sealed class CaseDailyFiguresFolder(
    ICaseRowsDatabase database,
    IOptions<CaseDailyFiguresOptions> options,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider time,
    ILogger<CaseDailyFiguresFolder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.FoldInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FoldOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start (or the next statistics request) folds what is left.
        }
    }

    private async Task FoldOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await CaseDailyFigures.FoldAsync(database, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing is lost: the changes stay until a later fold moves them.
            logger.LogWarning(exception, "Folding the daily statistics figures failed; the next tick tries again");
        }
    }
}
