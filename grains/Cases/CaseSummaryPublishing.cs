using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Cases.Sla;
using ServiceHall.Grains.Live;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The case's row for the board, search and statistics (<c>case_summary</c>): written by the case store in every
/// command's transaction, and again on request (a backfill of an upgraded database, an admin repair) through
/// <see cref="CaseSummaryWriter"/>. The row keeps the highest version written, so a repeated or late write changes nothing.
/// </summary>
internal sealed partial class CaseGrain
{
    async Task<string?> ICaseGrain.RepublishSummaryAsync(string? onlyHall)
    {
        var current = state.State;
        if (current.Id is null)
        {
            return null;
        }

        // No live push: nothing changed, and a repair would otherwise flood every open board with stale hints.
        if (onlyHall is null || string.Equals(onlyHall, current.Hall, StringComparison.OrdinalIgnoreCase))
        {
            await summaryRows.WriteAsync(CaseSummaryRow.Of(current));
        }

        await RegisterCertificatesAsync();

        return current.Hall;
    }

    /// <summary>
    /// The live push after a commit. The commit wrote <paramref name="summary"/> as the case's board row in its own
    /// transaction, so nothing is written here: the row is never behind the case, and the push never ahead of it.
    /// </summary>
    private void PushChange(CaseState previous, DateTimeOffset committedAt, CaseSummary summary)
    {
        var movedFrom = previous.Id is not null && !CasePolicy.Same(previous.Hall, summary.Hall) ? previous.Hall : null;

        // Pushed only now that the change is durable; clients treat it as a hint and re-read on a version gap.
        Feed.PublishAsync(
            CaseChanged.From(summary, state.State.TrackingCode, committedAt) with { PreviousHall = movedFrom }).Ignore();
    }

    // One reference for the activation: resolving a grain reference by interface type costs Orleans a reflection
    // lookup on every GetGrain, which was most of the push's CPU.
    private ICaseFeedGrain? _feed;

    private ICaseFeedGrain Feed => _feed ??= GrainFactory.Reference<ICaseFeedGrain>(ICaseFeedGrain.Key);

    internal static CaseSummary Summarize(CaseState current) => Summarize(current, CasePlacement.From(current));

    internal static CaseSummary Summarize(CaseState current, CasePlacement placement) => new()
    {
        Id = current.Id!,
        Number = current.Number,
        ServiceItemCode = current.ServiceItemCode,
        ServiceItemName = current.ServiceItemNameZh,
        ServiceItemNameEn = current.ServiceItemNameEn,
        Channel = current.Channel,
        Hall = current.Hall,
        Window = current.Window,
        Departments = [.. current.ReviewDepartments.Append(current.Department).Distinct()],
        Stage = CaseViews.StageName(current.Workflow.Stage),
        Status = current.Status,
        ApplicantName = current.Applicant!.Name,
        OpenedAt = current.OpenedAt,
        UpdatedAt = current.UpdatedAt,
        DueAt = current.DueAt,
        SlaState = SlaMath.State(current.Sla),
        Version = current.Version,
        ClosedAt = CaseStatuses.IsFinal(current.Status) ? current.Sla.StoppedAt ?? current.UpdatedAt : null,
        CorrectionRounds = current.CorrectionRounds,
        CopiesSaved = current.CopiesSaved,
        IdCardCopiesWaived = current.Materials.Count(m => m.Status == "waived"),
        LicenceCopiesWaived = current.Materials.Count(m => m.Status == "e-licence"),
        DefinitionId = current.DefinitionId,
        DefinitionVersion = current.DefinitionVersion,
        DefinitionVersionId = current.DefinitionVersionId,
        WorkflowStatus = current.Workflow.Status.ToString(),
        IncidentCount = current.Workflow.Incidents.Count,
        AppointmentCode = current.AppointmentCode,
        AcceptedAt = AcceptanceTime(current),
        DeliveryHall = placement.DeliveryHall,
        RoutedDepartments = placement.RoutedDepartments,
        Coordinator = placement.Coordinator,
        District = placement.District,
    };

    /// <summary>
    /// When a clerk accepted the case: the journal's accept entry. An instant case's clock starts at opening, so its
    /// start is no acceptance time; the others' clocks start at acceptance and stand in for cases accepted otherwise.
    /// </summary>
    private static DateTimeOffset? AcceptanceTime(CaseState current) =>
        current.Journal.FirstOrDefault(e => e.Action == ActionNames.Accept)?.At
        ?? (current.Channel == "instant" ? null : current.Sla.StartedAt);
}
