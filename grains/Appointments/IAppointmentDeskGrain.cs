namespace ServiceHall.Grains.Appointments;

/// <summary>
/// Applicant commands addressed by code alone (key: any; a stateless worker): finds the booking's day, and runs a
/// reschedule across days as book-there-then-release-here, so no day grain waits on another (no deadlock between
/// two opposite moves).
/// </summary>
[Alias("ServiceHall.Grains.Appointments.IAppointmentDeskGrain")]
public interface IAppointmentDeskGrain : IGrainWithIntegerKey
{
    /// <summary>The day grain key the code lives on, or null for an unknown code.</summary>
    [Alias("LocateAsync")]
    Task<string?> LocateAsync(string code);

    /// <summary>Moves the booking to <paramref name="window"/> (null: the same) on <paramref name="date"/> at <paramref name="start"/>.</summary>
    [Alias("RescheduleAsync")]
    Task<AppointmentResult> RescheduleAsync(string code, string? window, DateOnly date, TimeOnly start, string? idempotencyKey);
}
