using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>Everything the case grain persists, in one row, written once per accepted command.</summary>
internal sealed class CaseState : StoredObject
{
    /// <summary>Null until the case is opened; a grain without an id is an unused key.</summary>
    public string? Id { get; set; }

    public string Number { get; set; } = "";
    public string TrackingCode { get; set; } = "";
    public string ServiceItemCode { get; set; } = "";
    public string ServiceItemNameZh { get; set; } = "";
    public string ServiceItemNameEn { get; set; } = "";
    public string Department { get; set; } = "";
    public List<string> ReviewDepartments { get; set; } = [];

    /// <summary>Departments the case was routed to beyond its own, kept once routed (see <see cref="Policy.CasePlacement"/>).</summary>
    public List<string> RoutedDepartments { get; set; } = [];
    public string Channel { get; set; } = "";
    public string Hall { get; set; } = "";
    public string? Window { get; set; }
    public ApplicantDetails? Applicant { get; set; }
    public List<MaterialView> Materials { get; set; } = [];
    public DeliveryChoice? Delivery { get; set; }

    public string DefinitionId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public string DefinitionVersionId { get; set; } = "";
    public WorkflowState Workflow { get; set; } = new();

    /// <summary>open, suspended, completed, rejected, denied, withdrawn, cancelled.</summary>
    public string Status { get; set; } = CaseStatuses.Open;

    /// <summary>Bumped by every accepted command; the <c>version</c>/<c>If-Match</c> of the HTTP contract.</summary>
    public long Version { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the case entered its current board stage (the workflow's <c>StageChanged</c> effect).</summary>
    public DateTimeOffset? StageSince { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string OpenedBy { get; set; } = "";
    public string? OpenIdempotencyKey { get; set; }

    /// <summary>The appointment whose check-in opened the case, if any.</summary>
    public string? AppointmentCode { get; set; }
    public int TimeLimitDays { get; set; }

    /// <summary>From the catalogue item at opening: the certificate this case issues is a business licence.</summary>
    public bool IssuesBusinessLicence { get; set; }
    /// <summary>The projected due date, recomputed from <see cref="Sla"/> at every write (for views and the board).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>
    /// When the statutory clock next reaches a threshold, recomputed at every write; null unless open with a running
    /// clock. Stored on the board row too, where the SLA sweep finds the cases it has to wake (<c>SlaSweepGrain</c>).
    /// </summary>
    public DateTimeOffset? SlaWakeAt { get; set; }

    public Sla.SlaClock Sla { get; set; } = new();

    /// <summary>Key projects (and cases an admin flagged): the coordinator serving it and what they did; null otherwise.</summary>
    public CoordinationState? Coordination { get; set; }

    /// <summary>
    /// Messages written with the change that caused them and not yet confirmed by the gateway (a transactional
    /// outbox): a crash before confirmation sends them again, and the gateway keeps each id once.
    /// </summary>
    public List<Notifications.SmsMessage> Outbox { get; set; } = [];

    public int MessagesSent { get; set; }

    /// <summary>The EMS waybill number, once the certificate is mailed.</summary>
    public string? EmsTrackingNumber { get; set; }

    /// <summary>Who collected the certificate at the window; null until then (and on cases handed over before it was kept).</summary>
    public CertificateCollection? Collection { get; set; }

    /// <summary>Each approval's written opinion (审批意见), in order; a handful at most (one per department and round).</summary>
    public List<ReviewOpinion> Opinions { get; set; } = [];
    public int CorrectionRounds { get; set; }
    public int CopiesSaved { get; set; }
    /// <summary>Every document the workflow issued, in order (a correction notice per round).</summary>
    public List<IssuedDocument> Documents { get; set; } = [];

    /// <summary>Scans uploaded online, every round kept (a correction adds, never replaces).</summary>
    public List<UploadedMaterial> Uploads { get; set; } = [];

    /// <summary>Certificates issued, with their register numbers.</summary>
    public List<CertificateRef> Certificates { get; set; } = [];
    public List<CaseJournalEntry> Journal { get; set; } = [];
    /// <summary>
    /// The workflow journal's entries in memory: all of them after a whole load, only those added since activation
    /// otherwise (the earlier ones stay in storage until the trace view reads them; see <see cref="WorkflowJournalStored"/>).
    /// </summary>
    public List<JournalEntry> WorkflowJournal { get; set; } = [];

    /// <summary>
    /// How many workflow-journal entries come before <see cref="WorkflowJournal"/>'s first, stored and not loaded. Not
    /// part of the head: the store counts them at activation, so appends continue at the right position.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long WorkflowJournalStored { get; set; }

    /// <summary>The last commands' idempotency keys, newest last; bounded so the row stays small.</summary>
    public List<CommandRecord> RecentCommands { get; set; } = [];

    /// <summary>A clone sharing every list and member with this state: for reading, or for replacing members whole.</summary>
    public CaseState ShallowCopy() => (CaseState)MemberwiseClone();

    /// <summary>
    /// A copy to change: lists are new, everything else is immutable or replaced whole (the interpreter returns a
    /// fresh <see cref="WorkflowState"/>), so a refused or failed write leaves the current state untouched.
    /// </summary>
    public CaseState Copy()
    {
        var copy = (CaseState)MemberwiseClone();
        copy.ReviewDepartments = [.. ReviewDepartments];
        copy.RoutedDepartments = [.. RoutedDepartments];
        copy.Materials = [.. Materials];
        copy.Documents = [.. Documents];
        copy.Uploads = [.. Uploads];
        copy.Opinions = [.. Opinions];
        copy.Certificates = [.. Certificates];
        copy.Journal = [.. Journal];
        copy.WorkflowJournal = [.. WorkflowJournal];
        copy.RecentCommands = [.. RecentCommands];
        copy.Sla = Sla.Copy();
        copy.Outbox = [.. Outbox];
        return copy;
    }
}

/// <summary>A document as issued: its kind, when, and the workflow's data for it (deficiencies, reason, form…).</summary>
internal sealed record IssuedDocument(string Kind, DateTimeOffset IssuedAt, string DataJson) : StoredRecord;

/// <summary>An applied command, remembered by its idempotency key and who sent it (null in rows written before that was kept).</summary>
internal sealed record CommandRecord(string Key, string Action, long Version, string? Actor = null) : StoredRecord;

public static class CaseStatuses
{
    public const string Open = "open";
    public const string Suspended = "suspended";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string Denied = "denied";
    public const string Withdrawn = "withdrawn";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Completed or Rejected or Denied or Withdrawn or Cancelled;
}
