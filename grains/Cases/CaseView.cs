using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>A case as staff see it (<c>GET /api/cases/{id}</c>); the applicant's tracker gets a masked copy.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseView")]
public sealed record CaseView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Number { get; init; }
    [Id(2)] public string? TrackingCode { get; init; }
    [Id(3)] public required ServiceItemRef ServiceItem { get; init; }
    [Id(4)] public required string Department { get; init; }
    [Id(5)] public required string Channel { get; init; }
    [Id(6)] public required string Hall { get; init; }
    [Id(7)] public string? Window { get; init; }
    [Id(8)] public required ApplicantDetails Applicant { get; init; }
    [Id(9)] public IReadOnlyList<MaterialView> Materials { get; init; } = [];
    [Id(10)] public DeliveryChoice? Delivery { get; init; }

    /// <summary>Board column: acceptance, formal-review, back-office-review, awaiting-correction, certificate, pickup, closed.</summary>
    [Id(11)] public required string Stage { get; init; }

    /// <summary>open, suspended, completed, rejected, denied, withdrawn, cancelled.</summary>
    [Id(12)] public required string Status { get; init; }

    [Id(13)] public required long Version { get; init; }
    [Id(14)] public required DateTimeOffset OpenedAt { get; init; }
    [Id(15)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(16)] public required DefinitionRef Workflow { get; init; }
    [Id(17)] public IReadOnlyList<CaseActionView> AvailableActions { get; init; } = [];
    [Id(18)] public IReadOnlyList<OpenStepView> OpenSteps { get; init; } = [];
    [Id(19)] public IReadOnlyList<CaseJournalEntry> Journal { get; init; } = [];
    [Id(20)] public int CorrectionRounds { get; init; }

    /// <summary>Paper copies the applicant did not have to bring (waived ID-card copies, copies replaced by an e-licence).</summary>
    [Id(21)] public int CopiesSaved { get; init; }

    [Id(22)] public SlaView Sla { get; init; } = new();

    /// <summary>Documents the case has (<c>receipt</c>, <c>correction-notice</c>, ...).</summary>
    [Id(23)] public IReadOnlyList<string> Documents { get; init; } = [];

    [Id(24)] public IReadOnlyList<string> ReviewDepartments { get; init; } = [];

    /// <summary>The EMS waybill number once the certificate is mailed.</summary>
    [Id(25)] public string? EmsTrackingNumber { get; init; }

    /// <summary>Text messages sent for this case, and those still waiting for the gateway.</summary>
    [Id(26)] public int MessagesSent { get; init; }

    [Id(27)] public int MessagesPending { get; init; }

    /// <summary>Key projects: the coordinator, priority, the review plan's progress, feedback and closing summary.</summary>
    [Id(30)] public CoordinationView? Coordination { get; init; }

    /// <summary>Scans uploaded online; the applicant's view lists names and hashes without the store's ids.</summary>
    [Id(50)] public IReadOnlyList<UploadedMaterial> Uploads { get; init; } = [];

    /// <summary>Certificates issued, by register number (what the QR code and <c>/verify/{number}</c> check).</summary>
    [Id(51)] public IReadOnlyList<CertificateRef> Certificates { get; init; } = [];
    /// <summary>The appointment whose check-in opened this case, if any.</summary>
    [Id(40)] public string? AppointmentCode { get; init; }

    /// <summary>
    /// Staff view: the actions available now that wait for someone other than the viewer (each name and role once);
    /// <see cref="AvailableActions"/> then lists only what the viewer may take.
    /// </summary>
    [Id(60)] public IReadOnlyList<CaseActionView> WaitingFor { get; init; } = [];

    /// <summary>Departments a coordinator routed the case to beyond <see cref="ReviewDepartments"/>.</summary>
    [Id(61)] public IReadOnlyList<string> RoutedDepartments { get; init; } = [];

    /// <summary>Who collected the certificate at the window, the identity number masked; null until collected.</summary>
    [Id(62)] public CertificateCollection? Collection { get; init; }

    /// <summary>Each approval's written opinion (审批意见), in order.</summary>
    [Id(63)] public IReadOnlyList<ReviewOpinion> Opinions { get; init; } = [];

    /// <summary>Each correction round: the notice's deficiencies, the applicant's answers and the scans sent with them.</summary>
    [Id(64)] public IReadOnlyList<CorrectionRoundView> Corrections { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.ServiceItemRef")]
public sealed record ServiceItemRef([property: Id(0)] string Code, [property: Id(1)] string NameZh, [property: Id(2)] string NameEn);

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.DefinitionRef")]
public sealed record DefinitionRef([property: Id(0)] string DefinitionId, [property: Id(1)] int Version, [property: Id(2)] string VersionId);

/// <summary>One required or submitted material: <c>submitted</c>, <c>waived</c>, <c>e-licence</c> or <c>missing</c>.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.MaterialView")]
public sealed record MaterialView(
    [property: Id(0)] string Code,
    [property: Id(1)] string NameZh,
    [property: Id(2)] string? Form,
    [property: Id(3)] string Status,
    [property: Id(4)] string? ELicenceNumber) : StoredRecord;

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseActionView")]
public sealed record CaseActionView(
    [property: Id(0)] string Name,
    [property: Id(1)] string? StepId,
    [property: Id(2)] string Role,
    [property: Id(3)] string Label);

/// <summary>An open workflow step; <see cref="Data"/> is what it carries (a correction step: the notice's deficiencies).</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.OpenStepView")]
public sealed record OpenStepView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Stage,
    [property: Id(3)] IReadOnlyList<string> Actions,
    [property: Id(4)] IReadOnlyList<string> Roles,
    [property: Id(5)] string? Department,
    [property: Id(6)] string? AssignedTo,
    [property: Id(7)] DateTimeOffset OpenedAt,
    [property: Id(8)] DateTimeOffset? DueAt,
    [property: Id(10)] OpenStepData Data);

/// <summary>The statutory clock: due date (projected while paused), thresholds reached, pauses.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.SlaView")]
public sealed record SlaView
{
    [Id(0)] public DateTimeOffset? DueAt { get; init; }
    [Id(1)] public int TimeLimitDays { get; init; }
    [Id(2)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>on-track, warning (50 %), critical (75 %), breached, paused or none (not started).</summary>
    [Id(3)] public string State { get; init; } = "none";
    [Id(4)] public bool Paused { get; init; }
    [Id(5)] public bool Breached { get; init; }
    [Id(6)] public IReadOnlyList<SlaAlertView> Alerts { get; init; } = [];
    [Id(7)] public IReadOnlyList<SlaPauseView> PausedFor { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.SlaAlertView")]
public sealed record SlaAlertView([property: Id(0)] int Percent, [property: Id(1)] DateTimeOffset ReachedAt);

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.SlaPauseView")]
public sealed record SlaPauseView([property: Id(0)] DateTimeOffset From, [property: Id(1)] DateTimeOffset? To, [property: Id(2)] string Reason);

/// <summary>A key project's coordination as the console and (without internal names) the tracker show it.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CoordinationView")]
public sealed record CoordinationView
{
    [Id(0)] public string? District { get; init; }
    [Id(1)] public string? Coordinator { get; init; }
    [Id(2)] public int Priority { get; init; }
    [Id(3)] public DateTimeOffset? ClockHeldSince { get; init; }
    [Id(4)] public string? ClockHeldReason { get; init; }
    [Id(5)] public IReadOnlyList<PlanStepView> Steps { get; init; } = [];
    [Id(6)] public IReadOnlyList<FeedbackView> Feedback { get; init; } = [];
    [Id(7)] public DateTimeOffset? ClosedAt { get; init; }
    [Id(8)] public string? Summary { get; init; }
}

/// <summary>One department's step of the routing plan: <c>waiting</c>, <c>open</c>, <c>approved</c>, <c>correction</c> or <c>denied</c>.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.PlanStepView")]
public sealed record PlanStepView(
    [property: Id(0)] int Group,
    [property: Id(1)] bool Parallel,
    [property: Id(2)] string Part,
    [property: Id(3)] string Department,
    [property: Id(4)] string? Reviewer,
    [property: Id(5)] DateTimeOffset? DueAt,
    [property: Id(6)] string State,
    [property: Id(7)] string? StepId,
    [property: Id(8)] bool Overdue);

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.FeedbackView")]
public sealed record FeedbackView([property: Id(0)] DateTimeOffset At, [property: Id(1)] string Message);
