using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Live;

/// <summary>
/// The coordinators who may read a changed case, by the case policy the grain applies to <c>GET /api/cases/{id}</c>.
/// Live pushes carry a case's number, stage and status, so a coordinator's board hears only of these.
/// </summary>
internal static class CoordinatorReach
{
    public static IReadOnlyList<string> ReadersOf(CasePlacement placement, OrganisationDirectory organisation)
    {
        List<string>? readers = null;
        foreach (var s in organisation.Staff)
        {
            if (s.Role == StaffRoles.Coordinator
                && CasePolicy.CanRead(new CaseActor(s.Username, s.Role, s.Hall, s.Window, s.Department, s.District), placement))
            {
                (readers ??= []).Add(s.Username);
            }
        }

        return readers ?? (IReadOnlyList<string>)[];
    }
}
