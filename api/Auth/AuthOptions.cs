namespace ServiceHall.Api.Auth;

/// <summary>The <c>ServiceHall:Auth</c> settings the API reads (the signing key itself comes from the host).</summary>
public sealed class StaffTokenOptions
{
    public const string Issuer = "servicehall";
    public const string Audience = "servicehall-staff";

    /// <summary>How long a sign-in lasts: one working shift by default.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(9);
}
