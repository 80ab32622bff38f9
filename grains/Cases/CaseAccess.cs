using ServiceHall.Grains.Coordination;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Interpreter;
namespace ServiceHall.Grains.Cases;

/// <summary>Who may see a case: staff within its hall, departments, or (key projects) coordinators; admins everywhere.</summary>
internal static class CaseAccess
{
    public static bool CanRead(CaseActor actor, CaseState state) => actor.Role switch
    {
        StaffRoles.Admin => true,
        StaffRoles.Clerk or StaffRoles.Manager => actor.Hall is null || Same(actor.Hall, state.Hall) || Same(actor.Hall, state.Delivery?.Hall),
        StaffRoles.Reviewer => actor.Department is not null && InvolvesDepartment(state, actor.Department),
        StaffRoles.Coordinator => CoordinatorReadRule.MayRead(
            actor.Id, actor.District, state.Coordination?.Coordinator, state.Coordination?.District, state.Channel),
        _ => false,
    };

    /// <summary>
    /// Who may act on a case at all, before any step or case-level rule: the applicant through the case's own tracking
    /// code; staff only where they may read it. Steps that name no hall (a correction notice) would otherwise let any
    /// clerk act, and an action's answer is the full case.
    /// </summary>
    public static bool CanAct(CaseActor actor, CaseState state) => actor.Role switch
    {
        Roles.Applicant => string.Equals(actor.Id, CaseActor.Applicant(state.TrackingCode).Id, StringComparison.Ordinal),
        StaffRoles.Clerk or StaffRoles.Manager => actor.Hall is not null && CanRead(actor, state),
        _ => CanRead(actor, state),
    };

    /// <summary>The workflow trace carries no applicant details: designers read every case's, others what they may read anyway.</summary>
    public static bool CanReadWorkflow(CaseActor actor, CaseState state) =>
        actor.Role == StaffRoles.Designer || CanRead(actor, state);

    public static bool InvolvesDepartment(CaseState state, string department) =>
        Same(state.Department, department)
        || state.ReviewDepartments.Any(d => Same(d, department))
        || state.Workflow.OpenSteps.Any(s => Same(s.Department, department));

    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
