namespace ServiceHall.Grains.Appointments;

/// <summary>
/// <c>ServiceHall:Appointments:Quota</c>: how many bookings one phone and one ID number may hold, so nobody fills a
/// day's slots under invented names. A booking is open from booking until the end of its day, unless cancelled.
/// </summary>
public sealed class BookingQuotaOptions
{
    public const string SectionName = "ServiceHall:Appointments:Quota";

    /// <summary>Open bookings one phone may hold at a time (a family member books for another with the same phone).</summary>
    public int MaxOpenPerPhone { get; set; } = 3;

    /// <summary>Open bookings one ID number may hold at a time.</summary>
    public int MaxOpenPerIdNumber { get; set; } = 2;

    /// <summary>Bookings one phone or ID number may make per <see cref="Period"/>, cancelled ones included (no book-cancel churn).</summary>
    public int MaxPerPeriod { get; set; } = 10;

    public TimeSpan Period { get; set; } = TimeSpan.FromDays(7);
}
