namespace ServiceHall.Grains.Live;

/// <summary>
/// A durable change of a case, as pushed to boards and trackers (<c>caseChanged</c>). The routing fields (hall,
/// window, departments, tracking code) stay on the server; clients get <see cref="ToClient"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Live.CaseChanged")]
public sealed record CaseChanged
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Number { get; init; }
    [Id(2)] public required string Stage { get; init; }
    [Id(3)] public required string Status { get; init; }
    [Id(4)] public DateTimeOffset? DueAt { get; init; }
    [Id(5)] public required string SlaState { get; init; }
    [Id(6)] public required long Version { get; init; }
    [Id(7)] public required string Hall { get; init; }
    [Id(8)] public string? Window { get; init; }
    [Id(9)] public required IReadOnlyList<string> Departments { get; init; }
    [Id(10)] public required string Channel { get; init; }
    [Id(11)] public required string TrackingCode { get; init; }

    /// <summary>
    /// When the case's durable write returned, by the system clock (never the case clock, which tests fake). Stays on
    /// the server like the routing fields: it lets an observer measure write-to-push delay (the benchmark's push section).
    /// </summary>
    [Id(12)] public DateTimeOffset? CommittedAt { get; init; }

    /// <summary>
    /// Coordinated cases: the coordinator serving the case, null when it has no coordination. With
    /// <see cref="CoordinationDistrict"/> it routes the change to the coordinators who may read the case (the assigned
    /// one and the district's), as the case grain decides for <c>GET /api/cases/{id}</c>.
    /// </summary>
    [Id(13)] public string? Coordinator { get; init; }

    /// <summary>The district of the coordinated project; null when the case has no coordination or no district.</summary>
    [Id(14)] public string? CoordinationDistrict { get; init; }

    /// <summary>Set when this change moved the case to another hall: that hall's boards hear it and drop the card.</summary>
    [Id(15)] public string? PreviousHall { get; init; }

    /// <summary>The hall the case is delivered to, when another than <see cref="Hall"/>: its boards hear the case too.</summary>
    [Id(16)] public string? DeliveryHall { get; init; }

    /// <summary>Departments the case was routed to beyond <see cref="Departments"/>: their boards hear the case too.</summary>
    [Id(17)] public IReadOnlyList<string> RoutedDepartments { get; init; } = [];

    /// <summary>The change as the board summary already describes it, plus the tracking code for the case's watchers.</summary>
    public static CaseChanged From(Cases.CaseSummary summary, string trackingCode, DateTimeOffset? committedAt = null) => new()
    {
        Id = summary.Id,
        Number = summary.Number,
        Stage = summary.Stage,
        Status = summary.Status,
        DueAt = summary.DueAt,
        SlaState = summary.SlaState,
        Version = summary.Version,
        Hall = summary.Hall,
        Window = summary.Window,
        Departments = summary.Departments,
        Channel = summary.Channel,
        TrackingCode = trackingCode,
        CommittedAt = committedAt,
        Coordinator = summary.Coordinator,
        CoordinationDistrict = summary.District,
        DeliveryHall = summary.DeliveryHall,
        RoutedDepartments = summary.RoutedDepartments,
    };

    /// <summary>What a client receives: a hint carrying the version, so it can spot gaps and re-read.</summary>
    public object ToClient() => new { id = Id, number = Number, stage = Stage, status = Status, dueAt = DueAt, slaState = SlaState, version = Version };
}

/// <summary>Receives every case change; one per silo, forwarding to that silo's SignalR connections.</summary>
[Alias("ServiceHall.Grains.Live.ICaseChangeObserver")]
public interface ICaseChangeObserver : IGrainObserver
{
    [Orleans.Concurrency.OneWay]
    [Alias("OnCaseChanged")]
    Task OnCaseChanged(CaseChanged change);
}
