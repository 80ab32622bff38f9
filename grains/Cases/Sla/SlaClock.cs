using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases.Sla;

/// <summary>
/// The statutory clock of one case, stored as facts (when it started, its budget, every pause, the alerts already
/// raised) so that where it stands can always be recomputed from them — after a restart too.
/// </summary>
internal sealed class SlaClock : StoredObject
{
    /// <summary><c>working-days</c> (the statutory limit on the hall's calendar) or <c>wall</c> (the instant channel's hour).</summary>
    public string Mode { get; set; } = SlaModes.WorkingDays;

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Working time (or wall time) the hall promised.</summary>
    public TimeSpan Budget { get; set; }

    public List<SlaPause> Pauses { get; set; } = [];

    public List<SlaAlert> Alerts { get; set; } = [];

    /// <summary>Set when the case reaches a final status; the clock then says nothing more.</summary>
    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>Set while a coordinator holds the clock (停表); the case stays open, the clock stands still.</summary>
    public DateTimeOffset? HeldSince { get; set; }

    public string? HeldReason { get; set; }

    public bool IsPaused => Pauses.Count > 0 && Pauses[^1].To is null;

    public SlaClock Copy() => new()
    {
        Mode = Mode,
        StartedAt = StartedAt,
        Budget = Budget,
        Pauses = [.. Pauses],
        Alerts = [.. Alerts],
        StoppedAt = StoppedAt,
        HeldSince = HeldSince,
        HeldReason = HeldReason,
    };
}

/// <summary>The clock stood still from <see cref="From"/> to <see cref="To"/> (open while still paused).</summary>
internal sealed record SlaPause(DateTimeOffset From, DateTimeOffset? To, string Reason) : StoredRecord;

/// <summary>A threshold (50, 75 or 100 % of the budget) that was reached, and when.</summary>
internal sealed record SlaAlert(int Percent, DateTimeOffset ReachedAt, DateTimeOffset RaisedAt) : StoredRecord;

internal static class SlaModes
{
    public const string WorkingDays = "working-days";
    public const string Wall = "wall";
}
