using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Notifications;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Appointments;

/// <summary>Everything one window's day persists, in one row, written once per accepted command.</summary>
internal sealed record AppointmentDayState : StoredRecord
{
    public List<Booking> Bookings { get; init; } = [];

    /// <summary>Confirmation messages written with the booking that caused them, dropped once the gateway has them.</summary>
    public List<SmsMessage> Outbox { get; init; } = [];

    /// <summary>Bumped by every write; the statistics keep the counts of the highest version they were told.</summary>
    public long Version { get; set; }

    /// <summary>Messages this day has ever queued: the last part of each message id, so no two ids repeat.</summary>
    public long MessageSequence { get; set; }

    public AppointmentDayState Copy() => this with { Bookings = [.. Bookings], Outbox = [.. Outbox] };
}

internal sealed record Booking : StoredRecord
{
    public required string Code { get; init; }
    public required string ServiceItemCode { get; init; }
    public required string ServiceItemNameZh { get; init; }
    public string ServiceItemNameEn { get; init; } = "";
    public required TimeOnly Start { get; init; }
    public required TimeOnly End { get; init; }
    public required ApplicantDetails Applicant { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset BookedAt { get; init; }
    public DateTimeOffset? ChangedAt { get; init; }
    public DateTimeOffset? CheckedInAt { get; init; }
    public string? CheckedInBy { get; init; }
    public string? CaseId { get; init; }
    public string? CaseNumber { get; init; }
    public string? MovedTo { get; init; }

    /// <summary>Idempotency keys of the commands applied to this booking, with the command's name.</summary>
    public List<BookingCommand> Commands { get; init; } = [];
}

internal sealed record BookingCommand(string Key, string Action) : StoredRecord;
