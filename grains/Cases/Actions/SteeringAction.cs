using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// A key-project coordinator's steering, with the checks they share: a coordinated case (409), a coordinator (403
/// role) of this project (403 scope), coordination not closed (409). The coordinator console offers them, not the
/// case's action list.
/// </summary>
internal abstract class SteeringAction : ICaseAction
{
    public abstract string Name { get; }

    public IEnumerable<CaseActionView> Offered(CaseState state) => [];

    public ValueTask<CaseDecision> DecideAsync(CaseActionContext context)
    {
        if (context.Current.Coordination is not { } coordination)
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "coordination.none", "This case has no coordinator; an admin flags it as a key project first.")));
        }

        if (context.Actor.Role != StaffRoles.Coordinator)
        {
            return Refused(context.Refuse(CaseOutcome.Forbidden, FieldError.Of("role", "coordination.coordinatorOnly", $"Only the project's coordinator may '{Name}'.", ("action", Name))));
        }

        if (!Policy.CasePolicy.CanCoordinate(context.Actor, Policy.CasePlacement.From(context.Current)))
        {
            return Refused(context.Refuse(CaseOutcome.Forbidden, FieldError.Of("scope", "coordination.otherCoordinator",
                $"This project is coordinated in district '{coordination.District}' by another coordinator.")));
        }

        return coordination.ClosedAt is not null
            ? Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "coordination.closed", "The coordination of this project is closed.")))
            : DecideCoreAsync(context, coordination);
    }

    protected abstract ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context, CoordinationState coordination);

    protected static ValueTask<CaseDecision> Refused(CaseResult refusal) => ValueTask.FromResult(CaseDecision.Refuse(refusal));

    protected static ValueTask<CaseDecision> Done(CaseDecision decision) => ValueTask.FromResult(decision);
}
