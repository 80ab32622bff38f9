using System.Runtime.CompilerServices;
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
        foreach (var coordinator in Coordinators.GetValue(organisation, CoordinatorsOf))
        {
            if (CasePolicy.CanRead(coordinator, placement))
            {
                (readers ??= []).Add(coordinator.Id);
            }
        }

        return readers ?? (IReadOnlyList<string>)[];
    }

    // The directory's staff do not change while it lives: its coordinators as actors are built once, not per change.
    private static readonly ConditionalWeakTable<OrganisationDirectory, CaseActor[]> Coordinators = new();

    private static CaseActor[] CoordinatorsOf(OrganisationDirectory organisation) =>
        [.. organisation.Staff.Where(s => s.Role == StaffRoles.Coordinator)
            .Select(s => new CaseActor(s.Username, s.Role, s.Hall, s.Window, s.Department, s.District))];
}
