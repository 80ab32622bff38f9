namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// What the <c>case_summary</c> row of a case holds: its board line plus the two search keys staff never see on a
/// board row (the applicant's tracking code and organisation), which is why they are not on <see cref="CaseSummary"/>.
/// </summary>
/// <param name="SlaWakeAt">When the SLA sweep wakes the case (its clock's next threshold); null when nothing is due.</param>
public sealed record CaseSummaryRow(CaseSummary Summary, string TrackingCode, string? Organisation, DateTimeOffset? SlaWakeAt = null)
{
    /// <summary>The row of <paramref name="state"/> as it stands (a case that was opened).</summary>
    internal static CaseSummaryRow Of(CaseState state) => Of(state, Policy.CasePlacement.From(state));

    /// <summary>The same, with the placement of <paramref name="state"/> the caller already has.</summary>
    internal static CaseSummaryRow Of(CaseState state, Policy.CasePlacement placement) =>
        new(CaseGrain.Summarize(state, placement), state.TrackingCode, OrganisationOf(state),
            state.Status == CaseStatuses.Open ? state.SlaWakeAt : null);

    internal static string? OrganisationOf(CaseState state) =>
        string.IsNullOrWhiteSpace(state.Applicant?.Organization) ? null : state.Applicant.Organization;
}
