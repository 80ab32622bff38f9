using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Cases.Sla;
using ServiceHall.Grains.Live;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The case's line on its hall's board: sent after every durable change, and again on request when the board is
/// rebuilt. The board keeps the highest version it has seen, so a repeated or late summary changes nothing.
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

        // No live push: nothing changed, and a rebuild would otherwise flood every open board with stale hints.
        if (onlyHall is null || string.Equals(onlyHall, current.Hall, StringComparison.OrdinalIgnoreCase))
        {
            await SendToBoardAsync(Summarize(current));
        }

        await RegisterCertificatesAsync();

        return current.Hall;
    }

    /// <param name="written">The summary the commit wrote as the case's row in its own transaction, if it did.</param>
    private async Task PublishSummaryAsync(CaseState previous, DateTimeOffset committedAt, CaseSummary? written = null)
    {
        var summary = written ?? Summarize(state.State);
        await SendToBoardAsync(summary, rowWritten: written is not null);
        var movedFrom = previous.Id is not null && !CasePolicy.Same(previous.Hall, summary.Hall) ? previous.Hall : null;
        if (movedFrom is not null)
        {
            // The old hall's board holds the case under its own key: it must drop it, not wait for a rebuild.
            GrainFactory.GetGrain<ICaseIndexGrain>(ICaseIndexGrain.Key(movedFrom)).RemoveAsync(summary.Id, summary.Version).Ignore();
        }

        // Pushed only now that the change is durable; clients treat it as a hint and re-read on a version gap.
        GrainFactory.GetGrain<ICaseFeedGrain>(ICaseFeedGrain.Key).PublishAsync(
            CaseChanged.From(summary, state.State.TrackingCode, committedAt) with { PreviousHall = movedFrom }).Ignore();
    }

    private async Task SendToBoardAsync(CaseSummary summary, bool rowWritten = false)
    {
        // The row in the database is what the board, search and statistics read; it keeps the newest version only.
        if (!rowWritten)
        {
            await summaryRows.WriteAsync(new CaseSummaryRow(summary, state.State.TrackingCode, CaseSummaryRow.OrganisationOf(state.State)));
        }

        try
        {
            await GrainFactory.GetGrain<ICaseIndexGrain>(ICaseIndexGrain.Key(summary.Hall)).UpsertAsync(summary);
        }
        catch (Exception exception)
        {
            // The case is already durable; the board catches up with the next change or the next rebuild.
            logger.LogWarning(exception, "Case {Case}: the board index was not updated", summary.Id);
        }
    }

    internal static CaseSummary Summarize(CaseState current) => Summarize(current, CasePlacement.From(current));

    private static CaseSummary Summarize(CaseState current, CasePlacement placement) => new()
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
