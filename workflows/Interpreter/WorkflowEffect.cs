using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>Something the host must carry out after persisting the new state; the interpreter itself does no I/O.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ScheduleTimer), "schedule-timer")]
[JsonDerivedType(typeof(CancelTimer), "cancel-timer")]
[JsonDerivedType(typeof(SendNotification), "notify")]
[JsonDerivedType(typeof(IssueDocument), "issue-document")]
[JsonDerivedType(typeof(StageChanged), "stage-changed")]
public abstract record WorkflowEffect;

/// <summary>Fire <see cref="TimerFired"/> with this id at <paramref name="DueAt"/> (a reminder, in Orleans).</summary>
public sealed record ScheduleTimer(string TimerId, DateTimeOffset DueAt, TimerPurpose Purpose, string ActivityId) : WorkflowEffect;

public sealed record CancelTimer(string TimerId) : WorkflowEffect;

/// <summary>Tell someone something: the applicant by SMS, a hall's manager, a department's inbox.</summary>
/// <param name="Recipient">Who: <c>applicant</c>, <c>clerk</c>, <c>manager</c>, <c>coordinator</c>, or a department.</param>
/// <param name="Channel"><c>sms</c> or <c>internal</c>.</param>
/// <param name="Template">A message template key such as <c>correction-requested</c>.</param>
public sealed record SendNotification(string Recipient, string Channel, string Template, JsonObject Data) : WorkflowEffect;

/// <summary>Produce a document: <c>receipt</c>, <c>rejection-notice</c>, <c>correction-notice</c> or <c>certificate</c>.</summary>
public sealed record IssueDocument(string DocumentKind, JsonObject Data) : WorkflowEffect;

/// <summary>The case moved to another board column; the host publishes it live.</summary>
public sealed record StageChanged(BoardStage From, BoardStage To) : WorkflowEffect;

/// <summary>Document kinds of the shipped activities, as the document endpoint names them.</summary>
public static class DocumentKinds
{
    public const string Receipt = "receipt";
    public const string RejectionNotice = "rejection-notice";
    public const string CorrectionNotice = "correction-notice";
    public const string Certificate = "certificate";

    /// <summary>不予行政许可决定书: a department denied the application after review.</summary>
    public const string DenialDecision = "denial-decision";
}
