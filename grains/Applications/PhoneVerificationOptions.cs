namespace ServiceHall.Grains.Applications;

/// <summary><c>ServiceHall:PhoneVerification</c>: how online applicants prove they hold their phone.</summary>
public sealed class PhoneVerificationOptions
{
    public const string SectionName = "ServiceHall:PhoneVerification";

    /// <summary>How long a sent code stays usable.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Shortest gap between two codes to one phone (an SMS costs money and annoys the holder).</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Codes one phone may receive per <see cref="SendWindow"/>.</summary>
    public int MaxSendsPerWindow { get; set; } = 5;

    public TimeSpan SendWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wrong codes tolerated before the phone is locked out; six digits must not be guessable by trying.</summary>
    public int MaxWrongAttempts { get; set; } = 5;

    /// <summary>How far back wrong codes count towards <see cref="MaxWrongAttempts"/> (per phone, across resends).</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
}
