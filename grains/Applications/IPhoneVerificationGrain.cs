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

    /// <summary>Checks a code without using it up, so a submission refused for another reason can be corrected and sent again.</summary>
    [Alias("CheckAsync")]
    Task<VerificationAnswer> CheckAsync(string code);

    /// <summary>Uses the current code up once the application it proved was accepted.</summary>
    [Alias("ConsumeAsync")]
    Task ConsumeAsync();
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
