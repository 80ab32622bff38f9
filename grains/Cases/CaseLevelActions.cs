using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Actions on the case itself rather than on a workflow step: withdrawal (撤回) by the applicant before a decision,
/// cancellation of a mis-entered case by a clerk, suspension (中止) and resumption by a reviewer.
/// </summary>
internal static class CaseLevelActions
{
    public const string Withdraw = "withdraw";
    public const string Cancel = "cancel";
    public const string Suspend = "suspend";
    public const string Resume = "resume";

    private static readonly HashSet<string> PreDecisionStages =
        ["acceptance", "formal-review", "back-office-review", "awaiting-correction"];

    public static bool Handles(string action) => action is Withdraw or Cancel or Suspend or Resume;

    public static IEnumerable<CaseActionView> Available(CaseState state)
    {
        var stage = CaseViews.StageName(state.Workflow.Stage);
        if (state.Status == CaseStatuses.Open && PreDecisionStages.Contains(stage))
        {
            yield return new CaseActionView(Withdraw, null, Roles.Applicant, "撤回申请");
            yield return new CaseActionView(Withdraw, null, Roles.Clerk, "撤回申请");
        }

        if (state.Status is CaseStatuses.Open or CaseStatuses.Suspended)
        {
            yield return new CaseActionView(Cancel, null, Roles.Clerk, "作废");
        }

        if (state.Status == CaseStatuses.Open)
        {
            yield return new CaseActionView(Suspend, null, Roles.Reviewer, "中止");
        }

        if (state.Status == CaseStatuses.Suspended)
        {
            yield return new CaseActionView(Resume, null, Roles.Reviewer, "恢复");
        }
    }

    /// <summary>Checks the action against state, role and scope; returns the new status and journal summary, or a refusal.</summary>
    public static (CaseResult? Refusal, string Status, string Summary) Decide(CaseState state, CaseActor actor, string action, JsonObject payload)
    {
        var available = CaseViews.AvailableActions(state);
        var offered = Available(state).Where(a => a.Name == action).ToList();
        if (offered.Count == 0)
        {
            return (CaseResult.Refused(CaseOutcome.Conflict, "action",
                $"Action '{action}' is not available while the case is {state.Status} at {CaseViews.StageName(state.Workflow.Stage)}.", available), "", "");
        }

        if (!offered.Any(a => a.Role == actor.Role))
        {
            return (CaseResult.Refused(CaseOutcome.Forbidden, "role",
                $"Role '{actor.Role}' may not '{action}'; allowed: {string.Join(", ", offered.Select(a => a.Role))}.", available), "", "");
        }

        if (!Policy.CasePolicy.MayTakeCaseAction(actor, Policy.CasePlacement.From(state), actor.Role))
        {
            return (CaseResult.Refused(CaseOutcome.Forbidden, "scope",
                $"'{action}' needs a {actor.Role} responsible for this case.", available), "", "");
        }

        var reason = payload["reason"] is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null;
        if (action != Resume && string.IsNullOrEmpty(reason))
        {
            return (CaseResult.Refused(CaseOutcome.Invalid, "reason", $"'{action}' needs a reason.", available), "", "");
        }

        if (reason is { Length: > 500 })
        {
            return (CaseResult.Refused(CaseOutcome.Invalid, "reason", "The reason is longer than 500 characters.", available), "", "");
        }

        return action switch
        {
            Withdraw => (null, CaseStatuses.Withdrawn, $"申请人撤回：{reason}"),
            Cancel => (null, CaseStatuses.Cancelled, $"作废：{reason}"),
            Suspend => (null, CaseStatuses.Suspended, $"中止：{reason}"),
            _ => (null, CaseStatuses.Open, "恢复办理"),
        };
    }
}
