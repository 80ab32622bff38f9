using System.Globalization;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Appointments;

/// <summary>
/// A hall's appointment figures (key: <c>appointment-stats-{hall}</c>). The per-day counts live in one grain per hall
/// and calendar month (<see cref="IAppointmentMonthStatsGrain"/>), so a report rewrites one month, never the hall's
/// whole history; this grain only lists the months that have figures, so a period's totals visit just those.
/// Its older state may still hold per-day counts from before the split (<c>Days</c>): they are read, never written.
/// </summary>
[Alias("ServiceHall.Grains.Appointments.IAppointmentStatsGrain")]
public interface IAppointmentStatsGrain : IGrainWithStringKey
{
    /// <summary>Totals over the appointment days in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    [Alias("TotalsAsync")]
    Task<AppointmentDayCounts> TotalsAsync(DateOnly from, DateOnly to);

    /// <summary>Lists a month (<c>yyyy-MM</c>) as having figures; called by the month's grain before its first write.</summary>
    [Alias("AddMonthAsync")]
    Task AddMonthAsync(string month);

    public static string Key(string hall) => KeyPrefix + hall.ToLowerInvariant();

    public static string HallOf(string key) => key[KeyPrefix.Length..];

    private const string KeyPrefix = "appointment-stats-";
}

/// <summary>
/// One hall's appointment figures per window and day for one calendar month (key: <c>{hall}+yyyy-MM</c>), fed by the day
/// grains with their absolute counts after each change, so a lost or repeated report is repaired by the next one.
/// </summary>
[Alias("ServiceHall.Grains.Appointments.IAppointmentMonthStatsGrain")]
public interface IAppointmentMonthStatsGrain : IGrainWithStringKey
{
    /// <summary>
    /// A day's counts after one of its writes. Awaited (not one-way) so a report cannot overtake the write it follows;
    /// a report whose <see cref="AppointmentDayCounts.Version"/> is not newer than the one kept (late or repeated) is ignored.
    /// A day outside the grain's month is refused (<see cref="ArgumentException"/>): it belongs to another grain.
    /// </summary>
    [Alias("ReportAsync")]
    Task ReportAsync(AppointmentDayCounts counts);

    /// <summary>
    /// Totals over the month's days in [<paramref name="from"/>, <paramref name="to"/>], each (window, day) counted once:
    /// the newer of the kept counts and the <paramref name="legacy"/> ones from before the split.
    /// Always interleaved: it only reads memory, and the hall grain asks while a first report may be waiting on the hall.
    /// </summary>
    [Alias("TotalsAsync"), Orleans.Concurrency.AlwaysInterleave]
    Task<AppointmentDayCounts> TotalsAsync(DateOnly from, DateOnly to, AppointmentDayCounts[] legacy);

    public static string Key(string hall, DateOnly date) => Key(hall, Month(date));

    public static string Key(string hall, string month) => hall.ToLowerInvariant() + Separator + month;

    public static (string Hall, string Month) ParseKey(string key)
    {
        var at = key.LastIndexOf(Separator);
        return (key[..at], key[(at + 1)..]);
    }

    /// <summary><c>yyyy-MM</c>: four-digit years, so months sort ordinally.</summary>
    public static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private const char Separator = '+';
}

/// <summary>One window's day (or, as a total, a period): places taken, check-ins, no-shows, cancellations.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.AppointmentDayCounts")]
public sealed record AppointmentDayCounts : StoredRecord
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

    /// <summary>The figures added up, as a period's total (no window, date or version).</summary>
    public static AppointmentDayCounts Sum(IEnumerable<AppointmentDayCounts> parts)
    {
        var list = parts as IReadOnlyCollection<AppointmentDayCounts> ?? [.. parts];
        return new AppointmentDayCounts
        {
            Booked = list.Sum(d => d.Booked),
            CheckedIn = list.Sum(d => d.CheckedIn),
            NoShows = list.Sum(d => d.NoShows),
            Cancelled = list.Sum(d => d.Cancelled),
        };
    }
}
