using ServiceHall.Grains.Catalog;

namespace ServiceHall.Grains.Coordination;

/// <summary>
/// Which coordinators may read a case. One rule for the case grain's own check (<c>GET /api/cases/{id}</c>, steering)
/// and for whatever routes a case's changes to coordinators, so the two cannot drift apart.
/// </summary>
public static class CoordinatorReadRule
{
    /// <summary>
    /// A coordinated case: its coordinator and every coordinator of its district (they stand in for each other).
    /// A key project not yet coordinated: every coordinator, so one can pick it up. Any other case: none.
    /// </summary>
    public static bool MayRead(string coordinator, string? coordinatorDistrict, string? assignedCoordinator, string? projectDistrict, string channel) =>
        assignedCoordinator is null
            ? channel == ServiceChannels.KeyProject
            : Serves(coordinator, coordinatorDistrict, assignedCoordinator, projectDistrict);

    /// <summary>Whether a coordinator may serve (read and steer) a coordinated project.</summary>
    public static bool Serves(string? coordinator, string? coordinatorDistrict, string assignedCoordinator, string? projectDistrict) =>
        Same(coordinator, assignedCoordinator) || Same(coordinatorDistrict, projectDistrict);

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
