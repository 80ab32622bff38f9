using Orleans.Concurrency;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>A case's line on the board and in search results.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseSummary")]
public sealed record CaseSummary : StoredRecord
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Number { get; init; }
    [Id(2)] public required string ServiceItemCode { get; init; }
    [Id(3)] public required string ServiceItemName { get; init; }
    [Id(4)] public required string Channel { get; init; }
    [Id(5)] public required string Hall { get; init; }
    [Id(6)] public string? Window { get; init; }
    [Id(7)] public required IReadOnlyList<string> Departments { get; init; }
    [Id(8)] public required string Stage { get; init; }
    [Id(9)] public required string Status { get; init; }
    [Id(10)] public required string ApplicantName { get; init; }
    [Id(11)] public required DateTimeOffset OpenedAt { get; init; }
    [Id(12)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(13)] public DateTimeOffset? DueAt { get; init; }
    [Id(14)] public required long Version { get; init; }

    /// <summary>on-track, warning (50 %), critical (75 %), breached, paused or none.</summary>
    [Id(15)] public string SlaState { get; init; } = "none";

    /// <summary>When the case reached a final status (completed, rejected, …).</summary>
    [Id(16)] public DateTimeOffset? ClosedAt { get; init; }

    [Id(17)] public int CorrectionRounds { get; init; }

    [Id(18)] public int CopiesSaved { get; init; }

    /// <summary>The workflow definition and the version the case is pinned to.</summary>
    [Id(19)] public string DefinitionId { get; init; } = "";

    [Id(20)] public int DefinitionVersion { get; init; }

    [Id(21)] public string DefinitionVersionId { get; init; } = "";

    /// <summary>The interpreter's Running / Finished / Faulted; a faulted workflow leaves the case open for an operator.</summary>
    [Id(22)] public string WorkflowStatus { get; init; } = "Running";

    [Id(23)] public int IncidentCount { get; init; }

    /// <summary>The service item's English name (boards in English); older snapshots may lack it.</summary>
    [Id(24)] public string? ServiceItemNameEn { get; init; }

    /// <summary>ID-card copies not asked for (the original was seen, or the identity verified online).</summary>
    [Id(50)] public int IdCardCopiesWaived { get; init; }

    /// <summary>Business-licence copies replaced by a verified electronic licence.</summary>
    [Id(51)] public int LicenceCopiesWaived { get; init; }
    /// <summary>The appointment whose check-in opened the case (then <see cref="OpenedAt"/> is the check-in).</summary>
    [Id(40)] public string? AppointmentCode { get; init; }

    /// <summary>When the case passed acceptance (its statutory clock started).</summary>
    [Id(41)] public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>The hall the certificate is collected at, when another than <see cref="Hall"/> (its board lists the case too).</summary>
    [Id(60)] public string? DeliveryHall { get; init; }

    /// <summary>Departments a coordinator routed the case to beyond <see cref="Departments"/>; they stay once routed.</summary>
    [Id(61)] public IReadOnlyList<string> RoutedDepartments { get; init; } = [];

    /// <summary>The coordinator serving the project, when coordinated.</summary>
    [Id(62)] public string? Coordinator { get; init; }

    /// <summary>The district of a coordinated project.</summary>
    [Id(63)] public string? District { get; init; }
}

/// <summary>Board / search filters of <c>GET /api/cases</c>; null means any.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CaseQuery")]
public sealed record CaseQuery
{
    [Id(0)] public string? Stage { get; init; }
    [Id(1)] public string? Channel { get; init; }
    /// <summary>Cases this department reviews or was routed to.</summary>
    [Id(2)] public string? Department { get; init; }
    [Id(3)] public string? Window { get; init; }

    /// <summary>Free text: case number, applicant name or service item name.</summary>
    [Id(4)] public string? Text { get; init; }

    [Id(5)] public string? Status { get; init; }

    /// <summary>Cases running any of these workflow definitions.</summary>
    [Id(6)] public IReadOnlyList<string>? DefinitionIds { get; init; }

    /// <summary>Cases pinned to this version (of the definitions above).</summary>
    [Id(7)] public int? DefinitionVersion { get; init; }

    /// <summary>Cases in any of these statuses (in addition to <see cref="Status"/>).</summary>
    [Id(8)] public IReadOnlyList<string>? Statuses { get; init; }

    /// <summary>Cases whose workflow is in any of these interpreter states (Running, Finished, Faulted).</summary>
    [Id(9)] public IReadOnlyList<string>? WorkflowStatuses { get; init; }

    /// <summary>Oldest first instead of the board's newest first.</summary>
    [Id(10)] public bool OldestFirst { get; init; }

    /// <summary>Only cases past their time limit (SLA state "breached").</summary>
    [Id(11)] public bool Overdue { get; init; }

    /// <summary>Only cases still being handled (open or suspended), as a board shows them.</summary>
    [Id(12)] public bool ActiveOnly { get; init; }

    /// <summary>Only cases delivered to this hall (a narrowing for another hall's board; access is the case policy's).</summary>
    [Id(13)] public string? DeliveryHall { get; init; }

    /// <summary>
    /// Only what a coordinator may list: projects this coordinator (<see cref="ServedBy"/>) or any of the district
    /// <see cref="ServedDistrict"/> serves, and key projects nobody coordinates yet (the policy's rule, in SQL).
    /// </summary>
    [Id(14)] public string? ServedBy { get; init; }

    [Id(15)] public string? ServedDistrict { get; init; }
}

/// <summary>
/// A page of rows and how many match in all. Counting stops after <see cref="CountLimit"/> rows (a hall holds hundreds of
/// thousands; nobody pages that far): past it <see cref="Total"/> is <see cref="CountLimit"/> and
/// <see cref="TotalIsExact"/> is false, which pages show as "10,000+".
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CasePage")]
public sealed record CasePage([property: Id(0)] IReadOnlyList<CaseSummary> Items, [property: Id(1)] int Total)
{
    /// <summary>The most rows a listing counts exactly.</summary>
    public const int CountLimit = 10_000;

    /// <summary>False when more than <see cref="CountLimit"/> rows match and <see cref="Total"/> is only that lower bound.</summary>
    [Id(2)] public bool TotalIsExact { get; init; } = true;
}
