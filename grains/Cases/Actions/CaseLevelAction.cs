using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The checks every action on the case itself shares, in order: offered now (409), offered to the caller's role (403
/// role), the caller responsible for this case (403 scope). Subclasses say what is offered and decide the rest.
/// </summary>
internal abstract class CaseLevelAction : ICaseAction
{
    public abstract string Name { get; }

    public abstract IEnumerable<CaseActionView> Offered(CaseState state);

    public async ValueTask<CaseDecision> DecideAsync(CaseActionContext context)
    {
        var offered = Offered(context.Current).Where(a => a.Name == Name).ToList();
        if (offered.Count == 0)
        {
            return context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "action.notAvailable",
                $"Action '{Name}' is not available while the case is {context.Current.Status} at {CaseViews.StageName(context.Current.Workflow.Stage)}.", ("action", Name)));
        }

        if (!offered.Any(a => a.Role == context.Actor.Role))
        {
            return context.Refuse(CaseOutcome.Forbidden, FieldError.Of("role", "action.roleNotAllowed",
                $"Role '{context.Actor.Role}' may not '{Name}'; allowed: {string.Join(", ", offered.Select(a => a.Role))}.", ("action", Name)));
        }

        if (!Policy.CasePolicy.MayTakeCaseAction(context.Actor, Policy.CasePlacement.From(context.Current), context.Actor.Role))
        {
            return context.Refuse(CaseOutcome.Forbidden, FieldError.Of("scope", "action.outOfScope", $"'{Name}' needs a {context.Actor.Role} responsible for this case.", ("action", Name)));
        }

        return await DecideCoreAsync(context);
    }

    protected abstract ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context);

    protected static bool IsBeforeDecision(CaseState state) =>
        state.Status == CaseStatuses.Open && state.Workflow.Stage is BoardStage.Acceptance or BoardStage.FormalReview
            or BoardStage.BackOfficeReview or BoardStage.AwaitingCorrection;
}

/// <summary>A case-level action that only needs a reason (or none) and sets the case's status.</summary>
internal abstract class StatusAction(string name, string newStatus, string kind, bool needsReason) : CaseLevelAction
{
    public override string Name => name;

    protected override ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context)
    {
        var reason = context.OptionalText("reason");
        if (needsReason && context.RequiredText("reason", out _) is { } refusal)
        {
            return ValueTask.FromResult<CaseDecision>(refusal);
        }

        if (reason is { Length: > 500 })
        {
            return ValueTask.FromResult<CaseDecision>(context.Refuse(CaseOutcome.Invalid, FieldError.Of("reason", "field.tooLong", "The reason is longer than 500 characters.", ("max", 500))));
        }

        context.Next.Status = newStatus;
        return ValueTask.FromResult(CaseDecision.Accept(CaseJournalNote.Of(kind, ("reason", reason))));
    }
}
