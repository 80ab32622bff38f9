namespace ServiceHall.Grains.Cases;

/// <summary>
/// What a case journal entry records (<see cref="CaseJournalEntry.Kind"/>). The entry's <c>args</c> carry the facts,
/// named below per kind; pages turn kind + args into text in their own language, so no client parses prose.
/// </summary>
public static class CaseJournalKinds
{
    /// <summary>An entry stored before entries were structured: its <see cref="CaseJournalEntry.Summary"/> is shown as recorded.</summary>
    public const string Legacy = "legacy";

    /// <summary>{item, channel, missingMaterials, eLicences? (count), eLicenceNumbers?, uploads? (count), sha256.{material}?}: the case was opened.</summary>
    public const string Opened = "opened";

    /// <summary>
    /// {reason?, comment?, opinion?, form?, emsTrackingNo?, by?, collector?, idType?, idNumber? (masked), deficiencies?
    /// (count), answer.{deficiencyId}? (the note), uploads? (count), sha256.{material}?}: a workflow step; the entry's action names it.
    /// </summary>
    public const string Step = "step";

    /// <summary>The prefix of a resubmission's answer arguments: <c>answer.r1-d2</c>.</summary>
    public const string AnswerPrefix = "answer.";

    /// <summary>{reason}</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>{reason}</summary>
    public const string Cancelled = "cancelled";

    /// <summary>{reason}</summary>
    public const string Suspended = "suspended";

    /// <summary>{}</summary>
    public const string Resumed = "resumed";

    /// <summary>{timer}: a workflow timer fired.</summary>
    public const string TimerFired = "timer-fired";

    /// <summary>{percent, reachedAt (ISO 8601)}: the statutory clock reached a threshold (100 = breached).</summary>
    public const string SlaThreshold = "sla-threshold";

    /// <summary>{coordinator, district}</summary>
    public const string CoordinatorAssigned = "coordinator-assigned";

    /// <summary>{change (reassign | add-department), part?, department?, reviewer?}</summary>
    public const string PlanChanged = "plan-changed";

    /// <summary>{priority, reason}</summary>
    public const string Escalated = "escalated";

    /// <summary>{reason}</summary>
    public const string ClockPaused = "clock-paused";

    /// <summary>{pausedHours}</summary>
    public const string ClockResumed = "clock-resumed";

    /// <summary>{message}</summary>
    public const string FeedbackSent = "feedback-sent";

    /// <summary>{summary}</summary>
    public const string CoordinationClosed = "coordination-closed";

    /// <summary>{part (acceptance | pickup), from, to, reason}: the case's acceptance or pickup moved to another hall.</summary>
    public const string HallTransferred = "hall-transferred";

    /// <summary>{from, to (definition ids), version, reason}: an instant case found not eligible moved to the standard workflow.</summary>
    public const string MovedToStandard = "moved-to-standard";
}
