namespace ServiceHall.Grains.Appointments;

/// <summary>Where an appointment code lives (key: <c>appt-{code}</c>): the day grain holding its booking.</summary>
[Alias("ServiceHall.Grains.Appointments.IAppointmentCodeGrain")]
public interface IAppointmentCodeGrain : IGrainWithStringKey
{
    /// <summary>Claims a new code for <paramref name="dayKey"/>; false when another day already owns it (draw another).</summary>
    [Alias("AssignAsync")]
    Task<bool> AssignAsync(string dayKey);

    /// <summary>A reschedule moved the booking: the code now points at <paramref name="dayKey"/>.</summary>
    [Alias("MoveAsync")]
    Task MoveAsync(string dayKey);

    [Alias("GetDayAsync")]
    Task<string?> GetDayAsync();

    public static string Key(string code) => "appt-" + code;
}
