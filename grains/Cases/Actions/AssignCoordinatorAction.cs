using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// An admin assigns (or overrides) the coordinator, flagging any case as a key project: a named coordinator, or the
/// least-loaded one of a district.
/// </summary>
internal sealed class AssignCoordinatorAction : ICaseAction
{
    public const string ActionName = "assign-coordinator";

    public string Name => ActionName;

    public IEnumerable<CaseActionView> Offered(CaseState state) => [];

    public async ValueTask<CaseDecision> DecideAsync(CaseActionContext context)
    {
        var next = context.Next;
        if (context.Actor.Role != StaffRoles.Admin)
        {
            return context.Refuse(CaseOutcome.Forbidden, FieldError.Of("role", "coordination.adminOnly", "Only an admin assigns a coordinator by hand."));
        }

        if (CaseStatuses.IsFinal(next.Status))
        {
            return context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "case.notOpen", $"The case is {next.Status}."));
        }

        if (next.Coordination?.ClosedAt is not null)
        {
            // Re-assigning a closed project would count it as open load again, with nobody left to close it.
            return context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "coordination.closed", "The coordination of this project is closed."));
        }

        var organisation = context.Services.Organisation;
        var named = context.OptionalText("coordinator");
        var district = context.OptionalText("district");
        string coordinator;
        if (named is not null)
        {
            var account = organisation.FindStaff(named);
            if (account is null || account.Role != StaffRoles.Coordinator)
            {
                return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("coordinator", "coordinator.unknown", $"'{named}' is not a coordinator."));
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
                return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("district", "district.noCoordinator", $"No coordinator serves district '{district}'.", ("district", district)));
            }

            coordinator = next.Coordination?.Coordinator is { } current && candidates.Contains(current, StringComparer.OrdinalIgnoreCase)
                ? current
                : await context.Services.ChooseCoordinator(candidates);
        }

        next.Coordination = (next.Coordination ?? new CoordinationState()) with
        {
            Coordinator = coordinator,
            District = district,
            AssignedBy = context.Actor.Id,
            AssignedAt = context.Now,
        };
        return CaseDecision.Accept(CaseJournalNote.Of(CaseJournalKinds.CoordinatorAssigned, ("coordinator", coordinator), ("district", district)));
    }
}
