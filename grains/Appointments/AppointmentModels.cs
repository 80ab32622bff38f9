using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Grains.Appointments;

public static class AppointmentStatuses
{
    public const string Booked = "booked";
    public const string CheckedIn = "checked-in";
    public const string Cancelled = "cancelled";
    public const string NoShow = "no-show";

    /// <summary>Rescheduled away: the code now lives on another day or window.</summary>
    public const string Moved = "moved";

    /// <summary>Statuses that hold a place in the slot (a no-show's place was lost when the slot passed).</summary>
    public static bool HoldsPlace(string status) => status is Booked or CheckedIn or NoShow;
}

/// <summary>An applicant's booking of a slot for a service item.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.BookAppointmentCommand")]
public sealed record BookAppointmentCommand
{
    [Id(0)] public required string ServiceItemCode { get; init; }
    [Id(1)] public required TimeOnly Start { get; init; }
    [Id(2)] public required ApplicantDetails Applicant { get; init; }
    [Id(3)] public string? IdempotencyKey { get; init; }

    /// <summary>Set when a reschedule moves an existing booking here: it keeps its code.</summary>
    [Id(4)] public string? Code { get; init; }
}

/// <summary>One booking as the applicant (masked) or the hall's staff see it.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.AppointmentView")]
public sealed record AppointmentView
{
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required string Hall { get; init; }
    [Id(2)] public required string Window { get; init; }
    [Id(3)] public required DateOnly Date { get; init; }
    [Id(4)] public required TimeOnly Start { get; init; }
    [Id(5)] public required TimeOnly End { get; init; }
    [Id(6)] public required string ServiceItemCode { get; init; }
    [Id(7)] public required string ServiceItemName { get; init; }
    [Id(8)] public required string ApplicantName { get; init; }
    [Id(9)] public required string ApplicantPhone { get; init; }
    [Id(10)] public required string Status { get; init; }
    [Id(11)] public required DateTimeOffset BookedAt { get; init; }

    /// <summary>Until this instant the applicant may reschedule or cancel.</summary>
    [Id(12)] public required DateTimeOffset ChangeableUntil { get; init; }
    [Id(13)] public DateTimeOffset? CheckedInAt { get; init; }
    [Id(14)] public string? CaseId { get; init; }
    [Id(15)] public string? CaseNumber { get; init; }

    /// <summary>For a moved booking: where it went (<c>window</c>, <c>date</c>, <c>start</c>).</summary>
    [Id(16)] public string? MovedTo { get; init; }
    [Id(17)] public string? ServiceItemNameEn { get; init; }
}

/// <summary>The answer to an appointment command: a view or a refusal naming the field (as <see cref="CaseResult"/>).</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.AppointmentResult")]
public sealed record AppointmentResult
{
    [Id(0)] public required CaseOutcome Outcome { get; init; }
    [Id(1)] public AppointmentView? Appointment { get; init; }
    [Id(2)] public string? Field { get; init; }
    [Id(3)] public string? Message { get; init; }
    [Id(4)] public bool Replayed { get; init; }

    /// <summary>The case a check-in opened.</summary>
    [Id(5)] public CaseView? Case { get; init; }

    /// <summary>For <see cref="CaseOutcome.TooMany"/>: when the quota frees up again.</summary>
    [Id(6)] public TimeSpan? RetryAfter { get; init; }

    public bool Succeeded => Outcome is CaseOutcome.Ok or CaseOutcome.Created;

    public static AppointmentResult Ok(AppointmentView view, bool replayed = false, CaseView? openedCase = null) =>
        new() { Outcome = CaseOutcome.Ok, Appointment = view, Replayed = replayed, Case = openedCase };

    public static AppointmentResult Created(AppointmentView view, bool replayed = false) =>
        new() { Outcome = CaseOutcome.Created, Appointment = view, Replayed = replayed };

    /// <summary>Every rule the refused command broke, each with its catalogue code.</summary>
    [Id(7)] public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public static AppointmentResult Refused(CaseOutcome outcome, IReadOnlyList<FieldError> errors) =>
        new() { Outcome = outcome, Field = errors[0].Field, Message = errors[0].Message, Errors = errors };
}

/// <summary>A window's day: its slots and, for staff, its bookings.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.AppointmentDay")]
public sealed record AppointmentDay
{
    [Id(0)] public required string Hall { get; init; }
    [Id(1)] public required string Window { get; init; }
    [Id(2)] public required DateOnly Date { get; init; }
    [Id(3)] public required IReadOnlyList<SlotView> Slots { get; init; }
    [Id(4)] public IReadOnlyList<AppointmentView> Appointments { get; init; } = [];
}
