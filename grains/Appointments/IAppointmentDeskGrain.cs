namespace ServiceHall.Grains.Appointments;

/// <summary>
/// Applicant commands (key: any; a stateless worker): books within the applicant's quotas, finds a booking's day by
/// code, and runs a reschedule across days as book-there-then-release-here, so no day grain waits on another (no
/// deadlock between two opposite moves).
/// </summary>
[Alias("ServiceHall.Grains.Appointments.IAppointmentDeskGrain")]
public interface IAppointmentDeskGrain : IGrainWithIntegerKey
{
    /// <summary>The day grain key the code lives on, or null for an unknown code.</summary>
    [Alias("LocateAsync")]
    Task<string?> LocateAsync(string code);

    /// <summary>
    /// An applicant's booking on the day <paramref name="dayKey"/>, within the quotas of their phone and ID number
    /// (<see cref="BookingQuotaOptions"/>); <paramref name="claim"/> names this booking attempt (idempotency key or
    /// request id, scoped to the day) so a retry is not counted twice.
    /// </summary>
    [Alias("BookAsync")]
    Task<AppointmentResult> BookAsync(string dayKey, BookAppointmentCommand command, string claim);

    /// <summary>Moves the booking to <paramref name="window"/> (null: the same) on <paramref name="date"/> at <paramref name="start"/>.</summary>
    [Alias("RescheduleAsync")]
    Task<AppointmentResult> RescheduleAsync(string code, string? window, DateOnly date, TimeOnly start, string? idempotencyKey);
}
