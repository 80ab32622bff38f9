namespace ServiceHall.Api.Auth;

/// <summary>The <c>ServiceHall:Auth</c> settings the API reads (the signing key itself comes from the host).</summary>
public sealed class StaffTokenOptions
{
    public const string Issuer = "servicehall";
    public const string Audience = "servicehall-staff";

    /// <summary>How long one token lasts: one working shift by default.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(9);

    /// <summary>
    /// Absolute length of a sign-in: tokens renewed from the session (the studio's) never outlast it, however often
    /// they are renewed; after it the user signs in again.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(9);
}
