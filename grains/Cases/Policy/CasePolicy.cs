using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases.Policy;

/// <summary>
/// Who may do what with a case: the one access rule, asked by the case grain (read, act, case-level and coordination
/// actions, documents, uploads, the workflow trace), the board and search, the live hub and the Elsa instances API.
/// Scopes: the applicant through the case's tracking code; a clerk or manager at the accepting hall or the hall the
/// case is delivered to; a reviewer of any department involved (its own, its review departments, those routed to);
/// a coordinator serving the project (its coordinator or any of its district's) or, for a key project nobody
/// coordinates yet, any coordinator; a designer the workflow trace only; an admin everything.
/// </summary>
public static class CasePolicy
{
    /// <summary>Whether <paramref name="actor"/> may read the case (its detail, documents, uploads, live changes).</summary>
    public static bool CanRead(CaseActor actor, CasePlacement placement) => actor.Role switch
    {
        Roles.Applicant => IsApplicantOf(actor, placement),
        StaffRoles.Admin => true,
        StaffRoles.Clerk or StaffRoles.Manager => placement.AtHall(actor.Hall),
        StaffRoles.Reviewer => placement.Involves(actor.Department),
        StaffRoles.Coordinator => placement.Coordinator is null
            ? placement.Channel == ServiceChannels.KeyProject
            : Serves(actor, placement),
        _ => false,
    };

    /// <summary>
    /// The gate before any command: the applicant through the case's own tracking code; staff only where they may read
    /// it. Each command then has its own rule (<see cref="CanActOnStep"/>, <see cref="MayTakeCaseAction"/>,
    /// <see cref="CanCoordinate"/>); an action's answer is the full case, so nobody outside may pass.
    /// </summary>
    public static bool CanAct(CaseActor actor, CasePlacement placement) => actor.Role switch
    {
        StaffRoles.Clerk or StaffRoles.Manager => actor.Hall is not null && CanRead(actor, placement),
        _ => CanRead(actor, placement),
    };

    /// <summary>Whether <paramref name="actor"/> may take <paramref name="action"/> on <paramref name="step"/>; null when allowed.</summary>
    /// <remarks>
    /// The step's own rule (<see cref="StepRule"/>: roles, hall, department, district, assignee) plus what only the
    /// case knows: a step naming no hall is the accepting hall's (a delivery hall's clerk reads the case but does not
    /// resubmit or accept for it), a reviewer's step naming no department is the case's own departments', and a
    /// coordinated project is steered only by those serving it.
    /// </remarks>
    public static StimulusError? StepRefusal(CaseActor actor, CasePlacement placement, OpenStep step, string action)
    {
        if (!CanAct(actor, placement))
        {
            return new OutOfScope(action, "staff responsible for this case");
        }

        if (StepRule.Check(step, actor.ToWorkflowActor(), action) is { } refused)
        {
            return refused;
        }

        return actor.Role switch
        {
            Roles.Clerk when step.Hall is null && !AtAcceptingHall(actor, placement) => new OutOfScope(action, $"a clerk of hall '{placement.Hall}'"),
            Roles.Reviewer when step.Department is null && !placement.Departments.Any(d => Same(d, actor.Department)) =>
                new OutOfScope(action, $"a reviewer of department {string.Join(" / ", placement.Departments.Select(d => $"'{d}'"))}"),
            Roles.Coordinator when placement.Coordinator is not null && !Serves(actor, placement) =>
                new OutOfScope(action, $"the project's coordinator '{placement.Coordinator}' or one of district '{placement.District}'"),
            _ => null,
        };
    }

    public static bool CanActOnStep(CaseActor actor, CasePlacement placement, OpenStep step, string action) =>
        StepRefusal(actor, placement, step, action) is null;

    /// <summary>
    /// A case-level action (withdraw, cancel, suspend, resume, transfer-hall) offered to <paramref name="requiredRole"/>:
    /// the actor has that role and is responsible for the case — the applicant of it, a clerk or manager of the
    /// accepting hall (not the delivery hall's), a reviewer of an involved department.
    /// </summary>
    public static bool MayTakeCaseAction(CaseActor actor, CasePlacement placement, string requiredRole) =>
        actor.Role == requiredRole && CanAct(actor, placement) && actor.Role switch
        {
            Roles.Applicant => true,
            Roles.Clerk or StaffRoles.Manager => AtAcceptingHall(actor, placement),
            Roles.Reviewer => placement.Involves(actor.Department),
            _ => false,
        };

    /// <summary>The coordinator serving a coordinated project, or any coordinator of its district (they stand in for each other).</summary>
    public static bool CanCoordinate(CaseActor actor, CasePlacement placement) =>
        actor.Role == StaffRoles.Coordinator && placement.Coordinator is not null && Serves(actor, placement);

    /// <summary>The workflow trace carries no applicant details: designers read every case's, others what they may read anyway.</summary>
    public static bool CanReadWorkflow(CaseActor actor, CasePlacement placement) =>
        actor.Role == StaffRoles.Designer || (!actor.IsApplicant && CanRead(actor, placement));

    /// <summary>Whether a board or search row of the case belongs in <paramref name="actor"/>'s listing: exactly the staff who may read it.</summary>
    public static bool CanList(CaseActor actor, CasePlacement placement) => !actor.IsApplicant && CanRead(actor, placement);

    /// <summary>
    /// Which board <paramref name="actor"/> may watch live when asking for <paramref name="hall"/> and
    /// <paramref name="department"/> (null: "my own"). A clerk or manager watches their hall (which hears the cases
    /// accepted or delivered there), a reviewer their department (which hears the cases routed to it), an admin any
    /// board; a coordinator's board hears each case they may read, decided per change.
    /// </summary>
    public static BoardWatch Watch(CaseActor actor, string? hall, string? department) => actor.Role switch
    {
        StaffRoles.Admin => new BoardWatch(hall, department),
        StaffRoles.Clerk or StaffRoles.Manager => actor.Hall is not null && (hall is null || Same(hall, actor.Hall))
            ? new BoardWatch(actor.Hall, department)
            : BoardWatch.Refused($"Your board is hall '{actor.Hall}'."),
        StaffRoles.Reviewer => actor.Department is not null && (department is null || Same(department, actor.Department))
            ? new BoardWatch(hall, actor.Department)
            : BoardWatch.Refused($"Your board is department '{actor.Department}'."),
        StaffRoles.Coordinator => new BoardWatch(hall, department, EachCaseDecides: true),
        _ => BoardWatch.Refused("Your role has no case board."),
    };

    /// <summary>Whether a watched board scope (<see cref="Watch"/>'s answer) hears a change of a case placed at <paramref name="placement"/>.</summary>
    public static bool BoardHears(BoardWatch board, CasePlacement placement) =>
        (board.Hall is null || placement.AtHall(board.Hall))
        && (board.Department is null || placement.Involves(board.Department));

    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool AtAcceptingHall(CaseActor actor, CasePlacement placement) => Same(actor.Hall, placement.Hall);

    private static bool IsApplicantOf(CaseActor actor, CasePlacement placement) =>
        placement.TrackingCode is { Length: > 0 } code && string.Equals(actor.Id, CaseActor.Applicant(code).Id, StringComparison.Ordinal);

    private static bool Serves(CaseActor actor, CasePlacement placement) =>
        Same(actor.Id, placement.Coordinator) || Same(actor.District, placement.District);
}

/// <summary>
/// A board a staff member may watch: the hall and department it is narrowed to (null: any), whether each change is
/// checked against the watcher (a coordinator's), or why it is refused.
/// </summary>
public sealed record BoardWatch(string? Hall, string? Department, bool EachCaseDecides = false, string? Refusal = null)
{
    public static BoardWatch Refused(string why) => new(null, null, Refusal: why);
}
