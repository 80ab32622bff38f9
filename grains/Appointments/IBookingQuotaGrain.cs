namespace ServiceHall.Grains.Appointments;

/// <summary>
/// The bookings one phone or one ID number holds (key: a keyed digest of it, <c>ApplicantDigests.Subject</c>, never the value).
/// A booking first holds a place here under a claim (its idempotency key or a request id), so concurrent bookings of
/// one applicant cannot both slip under the limit; the claim then gets the booking's code, or is given back.
/// </summary>
[Alias("ServiceHall.Grains.Appointments.IBookingQuotaGrain")]
public interface IBookingQuotaGrain : IGrainWithStringKey
{
    /// <summary>Holds a place until <paramref name="until"/>, or says when one frees up. A claim already held answers yes.</summary>
    [Alias("HoldAsync")]
    Task<QuotaAnswer> HoldAsync(string claim, int maxOpen, DateTimeOffset until);

    /// <summary>The booking was made: the held place is now the booking with this code.</summary>
    [Alias("ConfirmAsync")]
    Task ConfirmAsync(string claim, string code);

    /// <summary>The booking was refused: the place is given back and not counted at all.</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string claim);

    /// <summary>The booking was cancelled: no longer open (it still counts towards the period).</summary>
    [Alias("CloseAsync")]
    Task CloseAsync(string code);

    /// <summary>The booking moved to another day: open until that day ends.</summary>
    [Alias("MoveAsync")]
    Task MoveAsync(string code, DateTimeOffset until);
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Appointments.QuotaAnswer")]
public sealed record QuotaAnswer([property: Id(0)] bool Allowed, [property: Id(1)] TimeSpan? RetryAfter = null, [property: Id(2)] string? Reason = null);
