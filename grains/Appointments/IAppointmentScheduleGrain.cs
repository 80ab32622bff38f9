namespace ServiceHall.Grains.Appointments;

/// <summary>A hall's slot configuration (key: hall code, lower case). Admins replace it whole; day grains read it.</summary>
[Alias("ServiceHall.Grains.Appointments.IAppointmentScheduleGrain")]
public interface IAppointmentScheduleGrain : IGrainWithStringKey
{
    [Alias("GetAsync")]
    Task<AppointmentSchedule> GetAsync();

    /// <summary>Stores <paramref name="schedule"/> (already validated) and returns it with its new version.</summary>
    [Alias("SetAsync")]
    Task<AppointmentSchedule> SetAsync(AppointmentSchedule schedule);

    public static string Key(string hall) => "slots-" + hall.ToLowerInvariant();
}
