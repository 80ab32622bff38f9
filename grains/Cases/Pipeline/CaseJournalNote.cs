namespace ServiceHall.Grains.Cases;

/// <summary>
/// What a decision says happened, as data: a kind from <see cref="CaseJournalKinds"/> and the facts to show. Turned
/// into words only where a person reads it.
/// </summary>
internal sealed record CaseJournalNote(string Kind, IReadOnlyDictionary<string, string> Args)
{
    public static CaseJournalNote Of(string kind, params (string Name, object? Value)[] args) =>
        new(kind, args.Where(a => a.Value is not null && a.Value.ToString() is { Length: > 0 })
            .ToDictionary(a => a.Name, a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture)!));
}

/// <summary>The kinds of case journal entries.</summary>
public static class CaseJournalKinds
{
    public const string Opened = "opened";
    public const string Step = "step";
    public const string Withdrawn = "withdrawn";
    public const string Cancelled = "cancelled";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
    public const string TimerFired = "timer-fired";
    public const string SlaThreshold = "sla-threshold";
    public const string CoordinatorAssigned = "coordinator-assigned";
    public const string PlanChanged = "plan-changed";
    public const string Escalated = "escalated";
    public const string ClockPaused = "clock-paused";
    public const string ClockResumed = "clock-resumed";
    public const string FeedbackSent = "feedback-sent";
    public const string CoordinationClosed = "coordination-closed";
    public const string HallTransferred = "hall-transferred";
}
