using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>Who is responsible for a case when acting on the case itself rather than on one of its steps.</summary>
internal static class CaseActionScope
{
    public static bool Allows(CaseActor actor, CaseState state) => actor.Role switch
    {
        Roles.Applicant => actor.Id == CaseActor.Applicant(state.TrackingCode).Id,
        Roles.Clerk or StaffRoles.Manager => CaseAccess.Same(actor.Hall, state.Hall),
        Roles.Reviewer => actor.Department is not null && CaseAccess.InvolvesDepartment(state, actor.Department),
        _ => false,
    };
}
