using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Coordination;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>Names of the coordination actions on <c>POST /api/cases/{id}/actions/{action}</c>.</summary>
internal static class CaseCoordination
{
    /// <summary>Admin: assign (or override) the coordinator, flagging any case as a key project.</summary>
    public const string AssignCoordinator = "assign-coordinator";
    public const string Reassign = BackOfficeReviewActivity.Reassign;
    public const string AddDepartment = BackOfficeReviewActivity.AddDepartment;
    public const string Escalate = "escalate";
    public const string PauseClock = "pause-clock";
    public const string ResumeClock = "resume-clock";
    public const string Feedback = "feedback";
    public const string Close = "close";

    public const int MaxPriority = 2;
    public const int MaxText = 500;

    private static readonly HashSet<string> Steering = [Reassign, AddDepartment, Escalate, PauseClock, ResumeClock, Feedback, Close];

    public static bool Handles(string action) => action == AssignCoordinator || Steering.Contains(action);

    /// <summary>Coordinators who may be given a project of <paramref name="district"/> (any district when null), in directory order.</summary>
    public static IReadOnlyList<string> Candidates(OrganisationDirectory organisation, string? district) =>
        [.. organisation.Staff
            .Where(s => s.Role == StaffRoles.Coordinator && (district is null || CasePolicy.Same(s.District, district)))
            .Select(s => s.Username)];
}

/// <summary>
/// Key-project coordination on the case grain: the coordinator chosen by rule at opening (or by an admin), and the
/// steering actions (reassign, add a department, escalate, hold the clock, feedback, close), each journaled.
/// </summary>
internal sealed partial class CaseGrain
{
    private ICoordinatorDeskGrain Desk => GrainFactory.GetGrain<ICoordinatorDeskGrain>(ICoordinatorDeskGrain.MainKey);

    /// <summary>At opening: a key project gets the least-loaded coordinator of its district; other channels none.</summary>
    private async Task<(CaseResult? Refusal, CoordinationState? Coordination)> CoordinationAtOpeningAsync(OpenCaseCommand command, DateTimeOffset now)
    {
        if (command.Channel != ServiceChannels.KeyProject)
        {
            return command.District is null
                ? (null, null)
                : (CaseResult.Refused(CaseOutcome.Invalid, "district", "Only key-project cases name a district."), null);
        }

        var district = string.IsNullOrWhiteSpace(command.District) ? null : command.District.Trim();
        var candidates = CaseCoordination.Candidates(organisation, district);
        if (candidates.Count == 0)
        {
            return (CaseResult.Refused(CaseOutcome.Unprocessable, "district", $"No coordinator serves district '{district}'."), null);
        }

        // Only chosen here; the desk records it after the case's write (SyncDeskAsync), so a failed opening adds no load.
        var coordinator = (await Desk.ChooseAsync(this.GetPrimaryKeyString(), candidates))!;
        return (null, new CoordinationState
        {
            District = district ?? organisation.FindStaff(coordinator)?.District,
            Coordinator = coordinator,
            AssignedAt = now,
        });
    }

    private async Task<CaseResult?> ApplyCoordinationAsync(CaseState next, CaseActionCommand command, JsonObject payload)
    {
        var actor = command.Actor;
        var available = CaseViews.AvailableActions(next);
        if (command.Action == CaseCoordination.AssignCoordinator)
        {
            return await AssignByAdminAsync(next, actor, payload, available);
        }

        if (next.Coordination is not { } coordination)
        {
            return CaseResult.Refused(CaseOutcome.Conflict, "action", "This case has no coordinator; an admin flags it as a key project first.", available);
        }

        if (actor.Role != StaffRoles.Coordinator)
        {
            return CaseResult.Refused(CaseOutcome.Forbidden, "role", $"Only the project's coordinator may '{command.Action}'.", available);
        }

        if (!CasePolicy.CanCoordinate(actor, CasePlacement.From(next)))
        {
            return CaseResult.Refused(CaseOutcome.Forbidden, "scope",
                $"This project is coordinated in district '{coordination.District}' by '{coordination.Coordinator}'.", available);
        }

        if (coordination.ClosedAt is not null)
        {
            return CaseResult.Refused(CaseOutcome.Conflict, "action", "The coordination of this project is closed.", available);
        }

        var now = clock.GetUtcNow();
        var stage = next.Workflow.Stage;
        string summary;
        switch (command.Action)
        {
            case CaseCoordination.Reassign or CaseCoordination.AddDepartment:
                if (next.Status != CaseStatuses.Open)
                {
                    return CaseResult.Refused(CaseOutcome.Conflict, "action", $"The case is {next.Status}; its review plan cannot change now.", available);
                }

                var workflow = await PreparedAsync();
                var steered = runtime.Interpreter.Steer(workflow, next.Workflow, new SteerPlan(now, command.Action, actor.ToWorkflowActor(), payload));
                if (!steered.Succeeded)
                {
                    return CaseRefusals.From(steered.Error!, available);
                }

                next.Workflow = steered.State;
                foreach (var department in ReviewProgress.Describe(next.Workflow).Select(s => s.Department))
                {
                    if (!next.ReviewDepartments.Any(d => CasePolicy.Same(d, department)))
                    {
                        next.ReviewDepartments.Add(department);
                    }
                }

                Record(next, steered, actor, command.Action, stage, SteeringSummary(command.Action, payload));
                return null;

            case CaseCoordination.Escalate:
                if (RequiredText(payload, "reason", available, out var reason) is { } noReason)
                {
                    return noReason;
                }

                var priority = Math.Min(coordination.Priority + 1, CaseCoordination.MaxPriority);
                next.Coordination = coordination with { Priority = priority };
                Enqueue(next, $"{next.Id}:escalate:{next.Journal.Count + 1}", "manager", "internal", "escalated",
                    new JsonObject { ["reason"] = reason, ["priority"] = priority, ["coordinator"] = actor.Id });
                summary = $"督办升级（优先级 {priority}）：{reason}";
                break;

            case CaseCoordination.PauseClock:
                if (RequiredText(payload, "reason", available, out var pauseReason) is { } noPauseReason)
                {
                    return noPauseReason;
                }

                if (next.Sla.StartedAt is null || next.Sla.StoppedAt is not null || next.Status != CaseStatuses.Open)
                {
                    return CaseResult.Refused(CaseOutcome.Conflict, "action", "The time-limit clock is not running for this case.", available);
                }

                if (next.Sla.HeldSince is not null)
                {
                    return CaseResult.Refused(CaseOutcome.Conflict, "action", "The clock is already paused.", available);
                }

                next.Sla.HeldSince = now;
                next.Sla.HeldReason = pauseReason;
                summary = $"暂停计时：{pauseReason}";
                break;

            case CaseCoordination.ResumeClock:
                if (CaseStatuses.IsFinal(next.Status))
                {
                    // A finished case's clock has stopped for good; resuming would shift due dates of a closed plan.
                    return CaseResult.Refused(CaseOutcome.Conflict, "action", $"The case is {next.Status}; its clock no longer runs.", available);
                }

                if (next.Sla.HeldSince is not { } heldSince)
                {
                    return CaseResult.Refused(CaseOutcome.Conflict, "action", "The clock is not paused.", available);
                }

                // The steps' target dates move by the same working time the case's own due date does.
                var wall = next.Sla.Mode == ServiceHall.Grains.Cases.Sla.SlaModes.Wall;
                var paused = wall ? now - heldSince : calendar.WorkingTimeBetween(heldSince, now);
                next.Workflow = ReviewProgress.ShiftDueDates(next.Workflow, due => wall ? due + paused : calendar.AddWorkingTime(due, paused));
                next.Sla.HeldSince = null;
                next.Sla.HeldReason = null;
                summary = $"恢复计时（暂停工作时间 {paused.TotalHours:0.##} 小时）";
                break;

            case CaseCoordination.Feedback:
                if (RequiredText(payload, "message", available, out var message) is { } noMessage)
                {
                    return noMessage;
                }

                next.Coordination = coordination with { Feedback = [.. coordination.Feedback, new CoordinatorFeedback(now, actor.Id, message)] };
                Enqueue(next, $"{next.Id}:feedback:{next.Journal.Count + 1}", Roles.Applicant, "sms", "coordinator-feedback",
                    new JsonObject { ["message"] = message });
                summary = $"反馈申请人：{message}";
                break;

            default:
                if (RequiredText(payload, "summary", available, out var closing) is { } noSummary)
                {
                    return noSummary;
                }

                if (next.Status == CaseStatuses.Open && stage is BoardStage.Acceptance or BoardStage.BackOfficeReview or BoardStage.AwaitingCorrection or BoardStage.FormalReview)
                {
                    return CaseResult.Refused(CaseOutcome.Conflict, "action", "A project is closed once its department review is over.", available);
                }

                next.Coordination = coordination with { ClosedAt = now, Summary = closing };
                summary = $"协调结案：{closing}";
                break;
        }

        next.Version++;
        next.UpdatedAt = now;
        next.Journal.Add(Entry(next, actor, command.Action, stage, stage, summary, []));
        return null;
    }

    private async Task<CaseResult?> AssignByAdminAsync(CaseState next, CaseActor actor, JsonObject payload, IReadOnlyList<CaseActionView> available)
    {
        if (actor.Role != StaffRoles.Admin)
        {
            return CaseResult.Refused(CaseOutcome.Forbidden, "role", "Only an admin assigns a coordinator by hand.", available);
        }

        if (CaseStatuses.IsFinal(next.Status))
        {
            return CaseResult.Refused(CaseOutcome.Conflict, "action", $"The case is {next.Status}.", available);
        }

        if (next.Coordination?.ClosedAt is not null)
        {
            // Re-assigning a closed project would count it as open load again, with nobody left to close it.
            return CaseResult.Refused(CaseOutcome.Conflict, "action", "The coordination of this project is closed.", available);
        }

        var named = payload["coordinator"] is JsonValue c && c.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        var district = payload["district"] is JsonValue d && d.TryGetValue<string>(out var place) && !string.IsNullOrWhiteSpace(place) ? place.Trim() : null;
        string coordinator;
        if (named is not null)
        {
            var account = organisation.FindStaff(named);
            if (account is null || account.Role != StaffRoles.Coordinator)
            {
                return CaseResult.Refused(CaseOutcome.Unprocessable, "coordinator", $"'{named}' is not a coordinator.", available);
            }

            coordinator = account.Username;
            district ??= next.Coordination?.District ?? account.District;
        }
        else
        {
            district ??= next.Coordination?.District;
            var candidates = CaseCoordination.Candidates(organisation, district);
            if (candidates.Count == 0)
            {
                return CaseResult.Refused(CaseOutcome.Unprocessable, "district", $"No coordinator serves district '{district}'.", available);
            }

            coordinator = next.Coordination?.Coordinator is { } current && candidates.Contains(current, StringComparer.OrdinalIgnoreCase)
                ? current
                : (await Desk.ChooseAsync(next.Id!, candidates))!;
        }

        var now = clock.GetUtcNow();
        next.Coordination = (next.Coordination ?? new CoordinationState()) with
        {
            Coordinator = coordinator,
            District = district,
            AssignedBy = actor.Id,
            AssignedAt = now,
        };
        next.Version++;
        next.UpdatedAt = now;
        next.Journal.Add(Entry(next, actor, CaseCoordination.AssignCoordinator, next.Workflow.Stage, next.Workflow.Stage,
            $"指定协调员 {coordinator}（{district ?? "-"}）", []));
        return null;
    }

    /// <summary>
    /// After every committed write (opening, action, timer, SLA catch-up): the desk follows the case's coordinator and
    /// whether the project still counts as load (not closed, case not finished). Only after the write, so a refused or
    /// failed write leaves the desk as it was.
    /// </summary>
    private async Task SyncDeskAsync(CaseState before, CaseState after)
    {
        if (after.Coordination is not { } coordination)
        {
            return;
        }

        var open = IsOpenLoad(after);
        if (before.Coordination is { } earlier && CasePolicy.Same(earlier.Coordinator, coordination.Coordinator) && IsOpenLoad(before) == open)
        {
            return;
        }

        try
        {
            await Desk.RecordAsync(after.Id!, coordination.Coordinator, open);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Case {Case}: coordinator desk not updated", after.Id);
        }
    }

    private static bool IsOpenLoad(CaseState state) =>
        state.Coordination is { ClosedAt: null } && !CaseStatuses.IsFinal(state.Status);

    private static CaseResult? RequiredText(JsonObject payload, string field, IReadOnlyList<CaseActionView> available, out string text)
    {
        text = payload[field] is JsonValue value && value.TryGetValue<string>(out var raw) ? raw.Trim() : "";
        if (text.Length == 0)
        {
            return CaseResult.Refused(CaseOutcome.Invalid, field, $"'{field}' is required.", available);
        }

        return text.Length > CaseCoordination.MaxText
            ? CaseResult.Refused(CaseOutcome.Invalid, field, $"'{field}' is longer than {CaseCoordination.MaxText} characters.", available)
            : null;
    }

    private static string SteeringSummary(string action, JsonObject payload)
    {
        string? Text(string name) => payload[name] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
        return action == CaseCoordination.AddDepartment
            ? $"增加审批部门 {Text("department")}{(Text("reviewer") is { } r ? $"（{r}）" : "")}"
            : $"改派 {Text("stepId") ?? Text("part")}：{string.Join("，", new[] { Text("department"), Text("reviewer") }.Where(t => t is not null))}";
    }
}
