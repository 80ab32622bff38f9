namespace ServiceHall.Grains.Appointments;

/// <summary>
/// A hall's appointment figures per window and day (key: <c>appointment-stats-{hall}</c>), fed by the day grains with
/// their absolute counts after each change, so a lost or repeated report is repaired by the next one.
/// </summary>
[Alias("ServiceHall.Grains.Appointments.IAppointmentStatsGrain")]
public interface IAppointmentStatsGrain : IGrainWithStringKey
{
    /// <summary>
    /// A day's counts after one of its writes. Awaited (not one-way) so a report cannot overtake the write it follows;
    /// a report whose <see cref="AppointmentDayCounts.Version"/> is not newer than the one kept (late or repeated) is ignored.
    /// </summary>
    [Alias("ReportAsync")]
    Task ReportAsync(AppointmentDayCounts counts);

    /// <summary>Totals over the appointment days in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    [Alias("TotalsAsync")]
    Task<AppointmentDayCounts> TotalsAsync(DateOnly from, DateOnly to);

    public static string Key(string hall) => "appointment-stats-" + hall.ToLowerInvariant();
}

/// <summary>One window's day (or, as a total, a period): places taken, check-ins, no-shows, cancellations.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.AppointmentDayCounts")]
public sealed record AppointmentDayCounts
{
    [Id(0)] public string Window { get; init; } = "";
    [Id(1)] public DateOnly Date { get; init; }

    /// <summary>Bookings that held a place: booked, checked in, or not shown.</summary>
    [Id(2)] public int Booked { get; init; }
    [Id(3)] public int CheckedIn { get; init; }
    [Id(4)] public int NoShows { get; init; }
    [Id(5)] public int Cancelled { get; init; }

    /// <summary>The day's write this report follows (it only grows), so an older report never replaces a newer one.</summary>
    [Id(6)] public long Version { get; init; }
}
