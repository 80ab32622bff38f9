namespace ServiceHall.Api.Tests.Policy;

/// <summary>
/// The expected answers of the case policy, as a table: four cases placed so that every scope matters (accepting
/// hall, delivery hall, review departments, routed departments, district, assigned coordinator, tracking code), who
/// may read each, and probe actions with who may take them. The matrix test asks the grain over HTTP, the hub and the
/// board listing the same questions and expects this table from each.
/// </summary>
internal static class CasePolicyMatrix
{
    /// <summary>A Guangzhou window case whose certificate is collected in Qingyuan: qy-clerk is its delivery-hall clerk.</summary>
    public const string Delivered = "delivered";

    /// <summary>A Guangzhou–Qingyuan cross-city case, reviewed by Qingyuan's market-regulation department.</summary>
    public const string CrossCity = "cross-city";

    /// <summary>A Nansha key project at acceptance, coordinated by coordinator2 (the Nansha district's).</summary>
    public const string NanshaProject = "nansha-project";

    /// <summary>A Tianhe key project the coordinator routed to market regulation and emergency management in parallel.</summary>
    public const string RoutedProject = "routed-project";

    public static readonly string[] Placements = [Delivered, CrossCity, NanshaProject, RoutedProject];

    /// <summary>Every demo account plus the base fixture's Qingyuan clerk and reviewer.</summary>
    public static readonly string[] Staff =
        ["clerk", "qy-clerk", "manager", "reviewer", "reviewer2", "qy-reviewer", "coordinator", "coordinator2", "designer", "admin"];

    /// <summary>Roles with a case board (the designer has none: the listing answers 403 and the hub refuses the board).</summary>
    public static bool HasBoard(string user) => user != "designer";

    /// <summary>The staff who may read (and so list and watch) each case; its applicant reads it by tracking code.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Readers = new Dictionary<string, string[]>
    {
        [Delivered] = ["clerk", "qy-clerk", "manager", "reviewer", "admin"],
        [CrossCity] = ["clerk", "manager", "reviewer", "qy-reviewer", "admin"],
        [NanshaProject] = ["clerk", "manager", "coordinator2", "admin"],
        [RoutedProject] = ["clerk", "manager", "reviewer", "reviewer2", "coordinator", "admin"],
    };

    /// <summary>
    /// Actions tried on each case by every staff member with an empty body. Each needs a field, so someone allowed gets
    /// 400 naming it (nothing changes), anyone else 403. <see cref="Probe.Department"/> names the routed part the action
    /// is aimed at (its stepId); <see cref="Probe.Listed"/> says whether the case view lists the action.
    /// </summary>
    public static readonly Probe[] Probes =
    [
        new(Delivered, "reject", ["clerk"]),
        new(Delivered, "cancel", ["clerk"]),
        new(Delivered, "withdraw", ["clerk"]),
        new(Delivered, "suspend", ["reviewer"]),
        new(CrossCity, "reject", ["clerk"]),
        new(CrossCity, "suspend", ["reviewer", "qy-reviewer"]),
        new(NanshaProject, "reject", ["clerk"]),
        new(NanshaProject, "escalate", ["coordinator2"], Listed: false),
        new(RoutedProject, "deny", ["reviewer"], Department: "market-regulation"),
        new(RoutedProject, "deny", ["reviewer2"], Department: "emergency-management"),
        new(RoutedProject, "suspend", ["reviewer", "reviewer2"]),
        new(RoutedProject, "cancel", ["clerk"]),
        new(RoutedProject, "escalate", ["coordinator"], Listed: false),
    ];

    /// <summary>What the case's applicant may do through the tracking code (withdraw needs a reason; the rest is staff's).</summary>
    public static readonly IReadOnlyDictionary<string, (string Action, bool Allowed)[]> ApplicantProbes = new Dictionary<string, (string, bool)[]>
    {
        [Delivered] = [("withdraw", true), ("reject", false)],
        [RoutedProject] = [("withdraw", true), ("deny", false)],
    };

    public sealed record Probe(string Case, string Action, string[] Allowed, string? Department = null, bool Listed = true);
}
