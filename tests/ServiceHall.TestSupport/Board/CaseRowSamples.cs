using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;

namespace ServiceHall.TestSupport.Board;

/// <summary>Summary rows for read-model tests, each field set so a column mix-up shows.</summary>
public static class CaseRowSamples
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    public static CaseSummaryRow Row(
        string id, string hall = "tianhe", DateTimeOffset? openedAt = null, string status = CaseStatuses.Open, long version = 1,
        string applicant = "张三", string channel = "window", string? deliveryHall = null, string? coordinator = null,
        string? district = null, string department = "market", string stage = "acceptance") =>
        new(new CaseSummary
        {
            Id = id,
            Version = version,
            Number = "GZ" + id.ToUpperInvariant(),
            ServiceItemCode = "item-" + id,
            ServiceItemName = "食品经营许可",
            ServiceItemNameEn = "Food business licence",
            Channel = channel,
            Hall = hall,
            Window = "W3",
            Departments = [department, "fire"],
            RoutedDepartments = coordinator is null ? [] : ["planning"],
            Stage = stage,
            Status = status,
            ApplicantName = applicant,
            OpenedAt = openedAt ?? Start,
            UpdatedAt = (openedAt ?? Start).AddMinutes(5),
            DueAt = (openedAt ?? Start).AddDays(20),
            SlaState = "on-track",
            ClosedAt = CaseStatuses.IsFinal(status) ? (openedAt ?? Start).AddHours(3) : null,
            CorrectionRounds = 2,
            CopiesSaved = 3,
            IdCardCopiesWaived = 1,
            LicenceCopiesWaived = 2,
            DefinitionId = "standard-case",
            DefinitionVersion = 4,
            DefinitionVersionId = "standard-case:4",
            WorkflowStatus = "Running",
            IncidentCount = 1,
            AppointmentCode = "A-" + id,
            AcceptedAt = (openedAt ?? Start).AddMinutes(12),
            DeliveryHall = deliveryHall,
            Coordinator = coordinator,
            District = district,
        }, "TRK" + id.ToUpperInvariant(), "广州某某餐饮有限公司");
}
