using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Pages.Board;

/// <summary>What a card on the board shows, built from the board read model or, for a live update, from the case itself.</summary>
public sealed record BoardCardModel(
    string Id,
    string Number,
    string ItemZh,
    string? ItemEn,
    string Channel,
    string Hall,
    string? Window,
    IReadOnlyList<string> Departments,
    string Stage,
    string Status,
    string ApplicantName,
    DateTimeOffset OpenedAt,
    DateTimeOffset? DueAt,
    string SlaState,
    long Version,
    string? DeliveryHall = null)
{
    public string ItemName(bool english) => english && !string.IsNullOrEmpty(ItemEn) ? ItemEn : ItemZh;

    public static BoardCardModel From(CaseSummary summary) => new(
        summary.Id, summary.Number, summary.ServiceItemName, summary.ServiceItemNameEn, summary.Channel, summary.Hall,
        summary.Window, [.. summary.Departments.Concat(summary.RoutedDepartments)], summary.Stage, summary.Status, summary.ApplicantName, summary.OpenedAt,
        summary.DueAt, summary.SlaState, summary.Version, summary.DeliveryHall);

    /// <summary>From the case grain's own view: authoritative, so a live card is never older than its push.</summary>
    public static BoardCardModel From(CaseView view) => new(
        view.Id, view.Number, view.ServiceItem.NameZh, view.ServiceItem.NameEn, view.Channel, view.Hall, view.Window,
        [.. view.ReviewDepartments.Append(view.Department).Concat(view.RoutedDepartments).Distinct()], view.Stage, view.Status, view.Applicant.Name,
        view.OpenedAt, view.Sla.DueAt, view.Sla.State, view.Version,
        view.Delivery?.Hall is { } delivery && !string.Equals(delivery, view.Hall, StringComparison.OrdinalIgnoreCase) ? delivery : null);
}
