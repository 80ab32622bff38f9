using ServiceHall.Grains.Cases;

namespace ServiceHall.Grains.Appointments;

/// <summary>
/// One window's appointments on one day (key: <see cref="AppointmentKeys.Day"/>): its slots, bookings and check-ins.
/// Not reentrant and written before it answers, so the last place of a slot can be booked only once.
/// </summary>
[Alias("ServiceHall.Grains.Appointments.IAppointmentDayGrain")]
public interface IAppointmentDayGrain : IGrainWithStringKey
{
    /// <summary>The day's slots (only those serving <paramref name="serviceItemCode"/> when given); bookings too when <paramref name="staff"/>.</summary>
    [Alias("GetDayAsync")]
    Task<AppointmentDay> GetDayAsync(string? serviceItemCode, bool staff);

    [Alias("BookAsync")]
    Task<AppointmentResult> BookAsync(BookAppointmentCommand command);

    /// <summary>The applicant's masked view of the booking with this code.</summary>
    [Alias("GetAsync")]
    Task<AppointmentResult> GetAsync(string code);

    /// <summary>The applicant cancels, up to the cut-off.</summary>
    [Alias("CancelAsync")]
    Task<AppointmentResult> CancelAsync(string code, string? idempotencyKey);

    /// <summary>A reschedule inside this day and window: the booking changes slot, keeping its code.</summary>
    [Alias("MoveWithinDayAsync")]
    Task<AppointmentResult> MoveWithinDayAsync(string code, TimeOnly start, string? idempotencyKey);

    /// <summary>First step of a move to another day grain: checks the cut-off and hands out what the target books.</summary>
    [Alias("BeginMoveAsync")]
    Task<AppointmentMove> BeginMoveAsync(string code, string? idempotencyKey);

    /// <summary>Last step of a move: the target holds the booking now, so this day releases its place.</summary>
    [Alias("CompleteMoveAsync")]
    Task<AppointmentResult> CompleteMoveAsync(string code, string movedTo, string? idempotencyKey);

    /// <summary>A booking made only for a move that could not complete is dropped again (no applicant message).</summary>
    [Alias("AbandonMoveAsync")]
    Task AbandonMoveAsync(string code);

    /// <summary>A clerk of the hall checks the applicant in: opens the case pre-filled and links it.</summary>
    [Alias("CheckInAsync")]
    Task<AppointmentResult> CheckInAsync(CheckInCommand command);
}

/// <summary>What a move carries to its target: the booking's item and applicant, or a refusal.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.AppointmentMove")]
public sealed record AppointmentMove
{
    [Id(0)] public AppointmentResult? Refusal { get; init; }
    [Id(1)] public string ServiceItemCode { get; init; } = "";
    [Id(2)] public ApplicantDetails? Applicant { get; init; }

    /// <summary>Set when this idempotency key already moved the booking: where it went.</summary>
    [Id(3)] public string? AlreadyMovedTo { get; init; }
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.CheckInCommand")]
public sealed record CheckInCommand
{
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required CaseActor Actor { get; init; }
    [Id(2)] public IReadOnlyList<SubmittedMaterial> Materials { get; init; } = [];
    [Id(3)] public string? IdempotencyKey { get; init; }
}
