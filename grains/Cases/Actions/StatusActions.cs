using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>撤回: the applicant (or the clerk for them) withdraws before a decision.</summary>
internal sealed class WithdrawAction() : StatusAction(ActionName, CaseStatuses.Withdrawn, CaseJournalKinds.Withdrawn, needsReason: true)
{
    public const string ActionName = "withdraw";

    public override IEnumerable<CaseActionView> Offered(CaseState state)
    {
        if (IsBeforeDecision(state))
        {
            yield return new CaseActionView(ActionName, null, Roles.Applicant, "撤回申请");
            yield return new CaseActionView(ActionName, null, Roles.Clerk, "撤回申请");
        }
    }
}

/// <summary>作废: a clerk cancels a mis-entered case.</summary>
internal sealed class CancelAction() : StatusAction(ActionName, CaseStatuses.Cancelled, CaseJournalKinds.Cancelled, needsReason: true)
{
    public const string ActionName = "cancel";

    public override IEnumerable<CaseActionView> Offered(CaseState state)
    {
        if (state.Status is CaseStatuses.Open or CaseStatuses.Suspended)
        {
            yield return new CaseActionView(ActionName, null, Roles.Clerk, "作废");
        }
    }
}

/// <summary>中止: a reviewer suspends the case (the statutory clock pauses).</summary>
internal sealed class SuspendAction() : StatusAction(ActionName, CaseStatuses.Suspended, CaseJournalKinds.Suspended, needsReason: true)
{
    public const string ActionName = "suspend";

    public override IEnumerable<CaseActionView> Offered(CaseState state)
    {
        if (state.Status == CaseStatuses.Open)
        {
            yield return new CaseActionView(ActionName, null, Roles.Reviewer, "中止");
        }
    }
}

/// <summary>恢复: the reviewer resumes a suspended case.</summary>
internal sealed class ResumeAction() : StatusAction(ActionName, CaseStatuses.Open, CaseJournalKinds.Resumed, needsReason: false)
{
    public const string ActionName = "resume";

    public override IEnumerable<CaseActionView> Offered(CaseState state)
    {
        if (state.Status == CaseStatuses.Suspended)
        {
            yield return new CaseActionView(ActionName, null, Roles.Reviewer, "恢复");
        }
    }
}
