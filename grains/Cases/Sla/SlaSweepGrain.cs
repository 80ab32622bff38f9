using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Cases.Sla;

/// <summary>
/// The statutory clock's alarm for every case at once. A case writes when its clock next reaches a threshold into its
/// board row, in the same transaction as the case, so a crash can never lose it; once a minute this grain reads the rows
/// that are due and wakes their cases, which raise what they reached (<see cref="CaseGrain"/>'s catch-up). Until issue
/// 20's seventh pass each open case registered a reminder of its own: two more writes per case, and one more entry in
/// every silo's in-memory reminder table for each of a city's open cases. The wake times are ServiceHall clock instants,
/// so a threshold passed while no silo ran is found by the first sweep after the restart. Not reentrant: one sweep at a
/// time; a sweep stops after <see cref="Budget"/> and the next one goes on from the oldest case still due.
/// </summary>
[GrainType("sla-sweep")]
internal sealed class SlaSweepGrain(
    IServiceProvider services,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    ILogger<SlaSweepGrain> logger) : Grain, ISlaSweepGrain, IRemindable
{
    public const string ReminderName = "sla-sweep";

    /// <summary>How often the sweep runs: a threshold is raised at most this late (its instant is journalled exactly).</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(40);
    private const int Page = 200;

    // Cases woken at once: enough to drain a burst (many clocks cross a threshold at the same working-day boundary)
    // without one sweep taking every core from the hall's commands.
    private const int InParallel = 8;

    // The memory-only store of grain benchmarks has no board rows, and so nothing to sweep.
    private readonly ICaseRowsDatabase? _rows = services.GetService<ICaseRowsDatabase>();

    public Task StartAsync() => this.RegisterOrUpdateReminder(ReminderName, Every, Every);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await SweepAsync();
        }
    }

    public async Task<int> SweepAsync()
    {
        if (_rows is null)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var woken = 0;
        SlaDueCase? after = null;
        while (Stopwatch.GetElapsedTime(started) < Budget)
        {
            var due = await SlaDueCases.ReadAsync(_rows, now, after, Page);
            foreach (var chunk in due.Chunk(InParallel))
            {
                var results = await Task.WhenAll(chunk.Select(WakeAsync));
                woken += results.Count(ok => ok);
            }

            if (due.Count < Page)
            {
                break;
            }

            after = due[^1];
        }

        return woken;
    }

    private async Task<bool> WakeAsync(SlaDueCase due)
    {
        try
        {
            await GrainFactory.GetGrain<ICaseGrain>(due.CaseId).CatchUpClockAsync();
            return true;
        }
        catch (Exception exception)
        {
            // Its row still says it is due, so the next sweep tries it again.
            logger.LogWarning(exception, "SLA sweep: case {Case} not woken; the next sweep retries", due.CaseId);
            return false;
        }
    }
}
