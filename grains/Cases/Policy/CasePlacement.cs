using ServiceHall.Grains.Live;
using ServiceHall.Workflows.Activities.ServiceHall;

namespace ServiceHall.Grains.Cases.Policy;

/// <summary>
/// Where a case sits, as far as access goes: the little that <see cref="CasePolicy"/> decides on. Built the same way
/// from the case's own state, from its board row and from its live change, so the grain, the board and the hub
/// cannot disagree about who may see it.
/// </summary>
public sealed record CasePlacement
{
    /// <summary>The hall that accepted the case (its steps with no hall of their own are this hall's).</summary>
    public required string Hall { get; init; }

    /// <summary>The hall the certificate is collected at, when it is not <see cref="Hall"/>.</summary>
    public string? DeliveryHall { get; init; }

    public string? Window { get; init; }

    /// <summary>The service item's department and the departments reviewing it from the start.</summary>
    public required IReadOnlyList<string> Departments { get; init; }

    /// <summary>Departments a coordinator routed the case to: once routed (or having reviewed), a department stays involved.</summary>
    public IReadOnlyList<string> RoutedDepartments { get; init; } = [];

    public required string Channel { get; init; }

    /// <summary>The district of a coordinated project.</summary>
    public string? District { get; init; }

    /// <summary>The coordinator serving the project; null when nobody coordinates the case.</summary>
    public string? Coordinator { get; init; }

    /// <summary>Known from the case itself only; a board row never carries it.</summary>
    public string? TrackingCode { get; init; }

    /// <summary>The halls whose staff the case concerns, and whose boards hear it: the accepting hall and the delivery hall.</summary>
    public IReadOnlyList<string> Halls => DeliveryHall is null ? [Hall] : [Hall, DeliveryHall];

    /// <summary>The departments whose reviewers the case concerns, and whose boards hear it: its own and those routed to.</summary>
    public IReadOnlyList<string> InvolvedDepartments => [.. Departments.Concat(RoutedDepartments).Distinct(StringComparer.OrdinalIgnoreCase)];

    public bool AtHall(string? hall) => Halls.Any(h => CasePolicy.Same(h, hall));

    public bool Involves(string? department) => InvolvedDepartments.Any(d => CasePolicy.Same(d, department));

    internal static CasePlacement From(CaseState state)
    {
        var own = OwnDepartments(state);
        return new()
        {
            Hall = state.Hall,
            DeliveryHall = DeliveryHallOf(state.Hall, state.Delivery?.Hall),
            Window = state.Window,
            Departments = own,
            RoutedDepartments = RoutedDepartmentsOf(state, own),
            Channel = state.Channel,
            District = state.Coordination?.District,
            Coordinator = state.Coordination?.Coordinator,
            TrackingCode = state.TrackingCode,
        };
    }

    public static CasePlacement From(CaseSummary summary) => new()
    {
        Hall = summary.Hall,
        DeliveryHall = summary.DeliveryHall,
        Window = summary.Window,
        Departments = summary.Departments,
        RoutedDepartments = summary.RoutedDepartments,
        Channel = summary.Channel,
        District = summary.District,
        Coordinator = summary.Coordinator,
    };

    public static CasePlacement From(CaseChanged change) => new()
    {
        Hall = change.Hall,
        DeliveryHall = change.DeliveryHall,
        Window = change.Window,
        Departments = change.Departments,
        RoutedDepartments = change.RoutedDepartments,
        Channel = change.Channel,
        District = change.CoordinationDistrict,
        Coordinator = change.Coordinator,
    };

    internal static IReadOnlyList<string> OwnDepartments(CaseState state) =>
        [.. state.ReviewDepartments.Append(state.Department).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Every department the case was ever routed to beyond its own: those remembered, those of the review plan (decided
    /// parts too) and those of the open steps. The grain stores the result with each change, so a department whose
    /// part is over, or was planned away, keeps reading the case it worked on.
    /// </summary>
    internal static List<string> RoutedDepartmentsOf(CaseState state) => RoutedDepartmentsOf(state, OwnDepartments(state));

    private static List<string> RoutedDepartmentsOf(CaseState state, IReadOnlyList<string> own)
    {
        return [.. state.RoutedDepartments
            .Concat(ReviewProgress.Describe(state.Workflow).Select(s => s.Department))
            .Concat(state.Workflow.OpenSteps.Select(s => s.Department ?? ""))
            .Where(d => d.Length > 0 && !own.Contains(d, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static string? DeliveryHallOf(string hall, string? deliveryHall) =>
        deliveryHall is null || CasePolicy.Same(deliveryHall, hall) ? null : deliveryHall;
}
