using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Applications;

[GrainType("phone-verification")]
internal sealed class PhoneVerificationGrain(
    [PersistentState("phone-verification", StorageNames.GrainState)] IPersistentState<PhoneVerificationState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    IOptions<PhoneVerificationOptions> options,
    ISmsGateway sms) : Grain, IPhoneVerificationGrain
{
    private PhoneVerificationOptions Limits => options.Value;

    async Task<VerificationAnswer> IPhoneVerificationGrain.SendCodeAsync()
    {
        var now = clock.GetUtcNow();
        var current = state.State;
        if (current.LockedUntil is { } locked && locked > now)
        {
            return new VerificationAnswer(VerificationOutcome.TooMany, locked - now);
        }

        current.SentAt.RemoveAll(at => at <= now - Limits.SendWindow);
        if (current.SentAt.Count > 0 && current.SentAt[^1] + Limits.ResendInterval > now)
        {
            return new VerificationAnswer(VerificationOutcome.TooMany, current.SentAt[^1] + Limits.ResendInterval - now);
        }

        if (current.SentAt.Count >= Limits.MaxSendsPerWindow)
        {
            return new VerificationAnswer(VerificationOutcome.TooMany, current.SentAt[0] + Limits.SendWindow - now);
        }

        var phone = this.GetPrimaryKeyString();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        current.Sequence++;
        current.CodeDigest = Digest(phone, code);
        current.CodeExpiresAt = now + Limits.CodeLifetime;
        current.WrongAttempts = 0;
        current.SentAt.Add(now);
        await state.WriteStateAsync();

        // Written first, sent second: a gateway failure leaves a code the holder never saw, which only costs a resend.
        await sms.SendAsync(new SmsMessage
        {
            Id = $"verification:{phone}:{current.Sequence}",
            To = phone,
            Text = SmsTexts.VerificationCode(code, (int)Limits.CodeLifetime.TotalMinutes),
            CaseId = "",
            Template = SmsTexts.VerificationTemplate,
            CreatedAt = now,
        });
        return new VerificationAnswer(VerificationOutcome.Sent, Limits.ResendInterval, Limits.MaxWrongAttempts);
    }

    async Task<VerificationAnswer> IPhoneVerificationGrain.CheckAsync(string code)
    {
        var now = clock.GetUtcNow();
        var current = state.State;
        if (current.LockedUntil is { } locked && locked > now)
        {
            return new VerificationAnswer(VerificationOutcome.TooMany, locked - now);
        }

        if (current.CodeDigest is null || current.CodeExpiresAt <= now)
        {
            return new VerificationAnswer(VerificationOutcome.Wrong);
        }

        var given = Digest(this.GetPrimaryKeyString(), code ?? "");
        if (CryptographicOperations.FixedTimeEquals(Convert.FromHexString(given), Convert.FromHexString(current.CodeDigest)))
        {
            return new VerificationAnswer(VerificationOutcome.Verified, AttemptsLeft: Limits.MaxWrongAttempts - current.WrongAttempts);
        }

        current.WrongAttempts++;
        if (current.WrongAttempts >= Limits.MaxWrongAttempts)
        {
            // The code is burnt as well: after the lockout a new one must be requested.
            current.LockedUntil = now + Limits.Lockout;
            current.CodeDigest = null;
        }

        await state.WriteStateAsync();
        return new VerificationAnswer(VerificationOutcome.Wrong, AttemptsLeft: Math.Max(0, Limits.MaxWrongAttempts - current.WrongAttempts));
    }

    async Task IPhoneVerificationGrain.ConsumeAsync()
    {
        if (state.State.CodeDigest is not null)
        {
            state.State.CodeDigest = null;
            await state.WriteStateAsync();
        }
    }

    // Only a digest is kept: a stored row never reveals a usable code.
    private static string Digest(string phone, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(phone + "\n" + code)));
}

internal sealed class PhoneVerificationState
{
    public string? CodeDigest { get; set; }
    public DateTimeOffset CodeExpiresAt { get; set; }
    public int WrongAttempts { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public int Sequence { get; set; }

    /// <summary>When codes were sent within the current window, oldest first.</summary>
    public List<DateTimeOffset> SentAt { get; set; } = [];
}
