using ServiceHall.Grains.Live;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Live;

/// <summary>
/// The coordinators who may read a changed case, by the rule the case grain applies to <c>GET /api/cases/{id}</c>:
/// a coordinated case its coordinator and every coordinator of its district (they stand in for each other), a key
/// project not yet coordinated every coordinator, any other case none. Live pushes carry a case's number, stage and
/// status, so a coordinator's board hears only of these.
/// </summary>
internal static class CoordinatorReach
{
    public static IEnumerable<string> ReadersOf(CaseChanged change, OrganisationDirectory organisation)
    {
        var coordinators = organisation.Staff.Where(s => s.Role == StaffRoles.Coordinator);
        if (change.Coordinator is { } assigned)
        {
            coordinators = coordinators.Where(s => Same(s.Username, assigned) || Same(s.District, change.CoordinationDistrict));
        }
        else if (change.Channel != "key-project")
        {
            return [];
        }

        return coordinators.Select(s => s.Username);
    }

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
