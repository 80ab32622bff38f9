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
/// time; a sweep returns after <see cref="Budget"/> at most (within Orleans' 30 s answer time) and the next one goes on from
/// the oldest case still due. A case that could not be woken is left out of the sweeps for <see cref="RetryAfter"/>, so a few that
/// fail slowly cannot hold up the rest.
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

    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);
    private const int Page = 200;

    // Cases woken at once: enough to drain a burst (many clocks cross a threshold at the same working-day boundary)
    // without one sweep taking every core from the hall's commands.
    private const int InParallel = 8;

    // The memory-only store of grain benchmarks has no board rows, and so nothing to sweep.
    private readonly ICaseRowsDatabase? _rows = services.GetService<ICaseRowsDatabase>();

    // Cases whose wake failed, until when they are left out (Stopwatch timestamps: a backoff, not a ServiceHall instant).
    private readonly Dictionary<string, long> _failed = new(StringComparer.Ordinal);

    public async Task<bool> StartAsync()
    {
        // Registering again would push the next tick back a minute at every silo start; a rolling restart could delay it long.
        if (await this.GetReminder(ReminderName) is not null)
        {
            return false;
        }

        await this.RegisterOrUpdateReminder(ReminderName, Every, Every);
        return true;
    }

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
        foreach (var (caseId, _) in _failed.Where(f => f.Value <= started).ToList())
        {
            _failed.Remove(caseId);
        }

        var woken = 0;
        SlaDueCase? after = null;
        while (true)
        {
            var due = await SlaDueCases.ReadAsync(_rows, now, after, Page);
            foreach (var chunk in due.Where(d => !_failed.ContainsKey(d.CaseId)).Chunk(InParallel))
            {
                var left = Budget - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    return woken;
                }

                // A slow case (up to Orleans' 30 s answer time) must not keep the sweep past its budget: its call goes on
                // without the sweep, which stops here.
                var wakes = Task.WhenAll(chunk.Select(WakeAsync));
                if (await Task.WhenAny(wakes, Task.Delay(left)) != wakes)
                {
                    return woken;
                }

                woken += (await wakes).Count(ok => ok);
            }

            if (due.Count < Page)
            {
                return woken;
            }

            after = due[^1];
        }
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
            // Its row still says it is due: a sweep after the backoff tries it again.
            _failed[due.CaseId] = Stopwatch.GetTimestamp() + (long)(RetryAfter.TotalSeconds * Stopwatch.Frequency);
            logger.LogWarning(exception, "SLA sweep: case {Case} not woken; tried again in {Minutes} min", due.CaseId, RetryAfter.TotalMinutes);
            return false;
        }
    }
}
