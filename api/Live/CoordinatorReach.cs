using ServiceHall.Grains.Coordination;
using ServiceHall.Grains.Live;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Live;

/// <summary>
/// The coordinators who may read a changed case, by the rule the case grain applies to <c>GET /api/cases/{id}</c>.
/// Live pushes carry a case's number, stage and status, so a coordinator's board hears only of these.
/// </summary>
internal static class CoordinatorReach
{
    public static IEnumerable<string> ReadersOf(CaseChanged change, OrganisationDirectory organisation) =>
        organisation.Staff
            .Where(s => s.Role == StaffRoles.Coordinator
                && CoordinatorReadRule.MayRead(s.Username, s.District, change.Coordinator, change.CoordinationDistrict, change.Channel))
            .Select(s => s.Username);
}
