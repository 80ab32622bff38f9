namespace ServiceHall.Grains.Applications;

/// <summary>
/// Phone verification for online applicants (key: the mobile number): sends a six-digit code through the SMS
/// gateway and checks it, rate-limited both ways. State is durable, so limits hold across silos and restarts.
/// </summary>
[Alias("ServiceHall.Grains.Applications.IPhoneVerificationGrain")]
public interface IPhoneVerificationGrain : IGrainWithStringKey
{
    /// <summary>Sends a new code, or says how long to wait.</summary>
    [Alias("SendCodeAsync")]
    Task<VerificationAnswer> SendCodeAsync();

    /// <summary>
    /// Checks a code and, if right, reserves it for <paramref name="claim"/> (the submission's idempotency key or a
    /// request id) in the same call, so two concurrent submissions cannot both pass with one code. A code that already
    /// proved <paramref name="claim"/> answers Verified again (a retry of that submission).
    /// </summary>
    [Alias("ReserveAsync")]
    Task<VerificationAnswer> ReserveAsync(string code, string claim);

    /// <summary>Gives the code back after the submission holding it was refused, so it can be corrected and sent again.</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string claim);

    /// <summary>Uses the code up once the application it proved was accepted; it keeps proving that claim only.</summary>
    [Alias("ConsumeAsync")]
    Task ConsumeAsync(string claim);
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Applications.VerificationAnswer")]
public sealed record VerificationAnswer(
    [property: Id(0)] VerificationOutcome Outcome,
    [property: Id(1)] TimeSpan? RetryAfter = null,
    [property: Id(2)] int AttemptsLeft = 0);

public enum VerificationOutcome
{
    /// <summary>A code was sent.</summary>
    Sent,

    /// <summary>The code is right.</summary>
    Verified,

    /// <summary>Wrong or expired code, or none was sent (401).</summary>
    Wrong,

    /// <summary>Too many codes or wrong tries: wait <see cref="VerificationAnswer.RetryAfter"/> (429).</summary>
    TooMany,
}
