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

    /// <summary>Checks the action against state, role and scope; returns the new status and journal entry, or a refusal.</summary>
    public static (CaseResult? Refusal, string Status, JournalFact? Fact) Decide(CaseState state, CaseActor actor, string action, JsonObject payload)
    {
        var available = CaseViews.AvailableActions(state);
        var offered = Available(state).Where(a => a.Name == action).ToList();
        if (offered.Count == 0)
        {
            return (CaseResult.Refused(CaseOutcome.Conflict, "action",
                $"Action '{action}' is not available while the case is {state.Status} at {CaseViews.StageName(state.Workflow.Stage)}.", available), "", null);
        }

        if (!offered.Any(a => a.Role == actor.Role))
        {
            return (CaseResult.Refused(CaseOutcome.Forbidden, "role",
                $"Role '{actor.Role}' may not '{action}'; allowed: {string.Join(", ", offered.Select(a => a.Role))}.", available), "", null);
        }

        var outOfScope = actor.Role switch
        {
            Roles.Applicant => actor.Id != CaseActor.Applicant(state.TrackingCode).Id,
            Roles.Clerk => !CaseAccess.Same(actor.Hall, state.Hall),
            Roles.Reviewer => actor.Department is null || !CaseAccess.InvolvesDepartment(state, actor.Department),
            _ => true,
        };
        if (outOfScope)
        {
            return (CaseResult.Refused(CaseOutcome.Forbidden, "scope",
                $"'{action}' needs a {actor.Role} responsible for this case.", available), "", null);
        }

        var reason = payload["reason"] is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null;
        if (action != Resume && string.IsNullOrEmpty(reason))
        {
            return (CaseResult.Refused(CaseOutcome.Invalid, "reason", $"'{action}' needs a reason.", available), "", null);
        }

        if (reason is { Length: > 500 })
        {
            return (CaseResult.Refused(CaseOutcome.Invalid, "reason", "The reason is longer than 500 characters.", available), "", null);
        }

        return action switch
        {
            Withdraw => (null, CaseStatuses.Withdrawn, CaseJournal.Entry(CaseJournalKinds.Withdrawn, ("reason", reason))),
            Cancel => (null, CaseStatuses.Cancelled, CaseJournal.Entry(CaseJournalKinds.Cancelled, ("reason", reason))),
            Suspend => (null, CaseStatuses.Suspended, CaseJournal.Entry(CaseJournalKinds.Suspended, ("reason", reason))),
            _ => (null, CaseStatuses.Open, CaseJournal.Entry(CaseJournalKinds.Resumed)),
        };
    }
}
