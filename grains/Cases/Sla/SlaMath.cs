using ServiceHall.Grains.Calendar;

namespace ServiceHall.Grains.Cases.Sla;

/// <summary>Where a clock stands at an instant: elapsed budget, due date, threshold instants. Pure functions of the stored facts.</summary>
internal sealed class SlaMath(WorkingCalendar calendar)
{
    public static readonly int[] Thresholds = [50, 75, 100];

    /// <summary>Budget used up by <paramref name="at"/>: running time from the start, pauses excluded.</summary>
    public TimeSpan Elapsed(SlaClock clock, DateTimeOffset at)
    {
        if (clock.StartedAt is not { } start || at <= start)
        {
            return TimeSpan.Zero;
        }

        var end = clock.StoppedAt is { } stopped && stopped < at ? stopped : at;
        var elapsed = Duration(clock, start, end);
        foreach (var pause in clock.Pauses)
        {
            var from = pause.From < end ? pause.From : end;
            var to = pause.To is { } resumed && resumed < end ? resumed : end;
            elapsed -= Duration(clock, from, to);
        }

        return elapsed;
    }

    /// <summary>
    /// The instant the clock reaches <paramref name="target"/> of its budget, given the pauses so far; while paused,
    /// as if it resumed at <paramref name="now"/>. Null when not started.
    /// </summary>
    public DateTimeOffset? InstantOf(SlaClock clock, TimeSpan target, DateTimeOffset now)
    {
        if (clock.StartedAt is not { } start)
        {
            return null;
        }

        var remaining = target;
        var cursor = start;
        foreach (var pause in clock.Pauses)
        {
            var running = Duration(clock, cursor, pause.From);
            if (remaining <= running)
            {
                return Add(clock, cursor, remaining);
            }

            remaining -= running;
            cursor = pause.To ?? (now > pause.From ? now : pause.From);
        }

        return Add(clock, cursor, remaining);
    }

    public DateTimeOffset? DueAt(SlaClock clock, DateTimeOffset now) => InstantOf(clock, clock.Budget, now);

    /// <summary>Thresholds reached by <paramref name="now"/> that have not been raised yet, oldest first.</summary>
    public IReadOnlyList<SlaAlert> Overdue(SlaClock clock, DateTimeOffset now)
    {
        if (clock.StartedAt is null || clock.Budget <= TimeSpan.Zero)
        {
            return [];
        }

        var elapsed = Elapsed(clock, now);
        return Thresholds
            .Where(percent => clock.Alerts.All(a => a.Percent != percent) && elapsed >= Fraction(clock, percent))
            .Select(percent => new SlaAlert(percent, InstantOf(clock, Fraction(clock, percent), now) ?? now, now))
            .ToList();
    }

    /// <summary>When the next threshold falls due, if the clock is running and one is left.</summary>
    public DateTimeOffset? NextThreshold(SlaClock clock, DateTimeOffset now)
    {
        if (clock.StartedAt is null || clock.StoppedAt is not null || clock.IsPaused)
        {
            return null;
        }

        var next = Thresholds.FirstOrDefault(percent => clock.Alerts.All(a => a.Percent != percent));
        return next == 0 ? null : InstantOf(clock, Fraction(clock, next), now);
    }

    /// <summary><c>on-track</c>, <c>warning</c> (50 %), <c>critical</c> (75 %), <c>breached</c> (100 %), <c>paused</c>, <c>none</c>.</summary>
    public static string State(SlaClock clock)
    {
        if (clock.StartedAt is null)
        {
            return "none";
        }

        var highest = clock.Alerts.Count == 0 ? 0 : clock.Alerts.Max(a => a.Percent);
        return highest switch
        {
            >= 100 => "breached",
            _ when clock.IsPaused && clock.StoppedAt is null => "paused",
            >= 75 => "critical",
            >= 50 => "warning",
            _ => "on-track",
        };
    }

    private static TimeSpan Fraction(SlaClock clock, int percent) => clock.Budget * percent / 100;

    private TimeSpan Duration(SlaClock clock, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? TimeSpan.Zero
        : clock.Mode == SlaModes.Wall ? to - from
        : calendar.WorkingTimeBetween(from, to);

    private DateTimeOffset Add(SlaClock clock, DateTimeOffset from, TimeSpan amount) =>
        clock.Mode == SlaModes.Wall ? from + amount : calendar.AddWorkingTime(from, amount);
}
