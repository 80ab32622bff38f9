using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Coordination;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>Who coordinates a key project: the rules the opening, the steering actions and the admin's assignment share.</summary>
internal static class CaseCoordination
{
    public const int MaxPriority = 2;

    /// <summary>Coordinators who may be given a project of <paramref name="district"/> (any district when null), in directory order.</summary>
    public static IReadOnlyList<string> Candidates(OrganisationDirectory organisation, string? district) =>
        [.. organisation.Staff
            .Where(s => s.Role == StaffRoles.Coordinator && (district is null || Policy.CasePolicy.Same(s.District, district)))
            .Select(s => s.Username)];
}

/// <summary>
/// Key-project coordination on the case grain: the coordinator chosen by rule at opening, and the coordinator desk
/// kept in step after each write. The steering actions are classes of their own (<c>Actions/</c>).
/// </summary>
internal sealed partial class CaseGrain
{
    private ICoordinatorDeskGrain Desk => GrainFactory.Reference<ICoordinatorDeskGrain>(ICoordinatorDeskGrain.MainKey);

    /// <summary>At opening: a key project gets the least-loaded coordinator of its district; other channels none.</summary>
    private async Task<(CaseResult? Refusal, CoordinationState? Coordination)> CoordinationAtOpeningAsync(OpenCaseCommand command, DateTimeOffset now)
    {
        if (command.Channel != ServiceChannels.KeyProject)
        {
            return command.District is null
                ? (null, null)
                : (CaseResult.Refused(CaseOutcome.Invalid, FieldError.Of("district", "district.keyProjectOnly", "Only key-project cases name a district.")), null);
        }

        var district = string.IsNullOrWhiteSpace(command.District) ? null : command.District.Trim();
        var candidates = CaseCoordination.Candidates(organisation, district);
        if (candidates.Count == 0)
        {
            return (CaseResult.Refused(CaseOutcome.Unprocessable, FieldError.Of("district", "district.noCoordinator", $"No coordinator serves district '{district}'.", ("district", district))), null);
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
        if (before.Coordination is { } earlier && Policy.CasePolicy.Same(earlier.Coordinator, coordination.Coordinator) && IsOpenLoad(before) == open)
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
}
