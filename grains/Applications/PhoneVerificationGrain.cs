using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Applications;

[GrainType("phone-verification")]
internal sealed class PhoneVerificationGrain(
    [PersistentState("phone-verification", StorageNames.GrainState)] IPersistentState<PhoneVerificationState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    IOptions<PhoneVerificationOptions> options,
    ApplicantDigests digests,
    ISmsGateway sms) : Grain, IPhoneVerificationGrain
{
    // Enough for an applicant's retries of recent submissions; older keys can no longer replay without a new code.
    private const int MaxProvedClaims = 10;

    private PhoneVerificationOptions Limits => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A row from before keyed digests holds plain SHA-256 hashes, which give their codes away to a million tries:
        // dropped (the holder asks for a new code; an old submission's retry needs one too).
        var current = state.State;
        if ((current.CodeDigest is not null && current.CodeSalt is null) || current.Proved.Any(p => p.CodeSalt is null))
        {
            if (current.CodeSalt is null)
            {
                current.CodeDigest = null;
                current.ReservedFor = null;
            }

            current.Proved.RemoveAll(p => p.CodeSalt is null);
            await state.WriteStateAsync(cancellationToken);
        }
    }

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
        current.CodeSalt = ApplicantDigests.NewSalt();
        current.CodeDigest = digests.Code(phone, current.CodeSalt, code);
        current.CodeExpiresAt = now + Limits.CodeLifetime;
        current.ReservedFor = null;
        current.SentAt.Add(now);
        await state.WriteStateAsync();

        // Written first, sent second: a gateway failure leaves a code the holder never saw, which only costs a resend.
        await sms.SendAsync(new SmsMessage
        {
            Id = $"verification:{phone}:{current.Sequence}",
            To = phone,
            Text = SmsTexts.VerificationCode(code, (int)Limits.CodeLifetime.TotalMinutes),
            Secret = code,
            CaseId = "",
            Template = SmsTexts.VerificationTemplate,
            CreatedAt = now,
        });
        return new VerificationAnswer(VerificationOutcome.Sent, Limits.ResendInterval, Limits.MaxWrongAttempts);
    }

    async Task<VerificationAnswer> IPhoneVerificationGrain.ReserveAsync(string code, string claim)
    {
        var now = clock.GetUtcNow();
        var current = state.State;
        if (current.LockedUntil is { } locked && locked > now)
        {
            return new VerificationAnswer(VerificationOutcome.TooMany, locked - now);
        }

        var phone = this.GetPrimaryKeyString();
        code ??= "";
        current.FailedAt.RemoveAll(at => at <= now - Limits.FailureWindow);
        var left = Limits.MaxWrongAttempts - current.FailedAt.Count;

        // A retry of a submission this code already proved: the code is used up, but it still proves this one key.
        if (current.Proved.Any(p => p.Claim == claim && Matches(p.CodeDigest, p.CodeSalt, phone, code)))
        {
            return new VerificationAnswer(VerificationOutcome.Verified, AttemptsLeft: left);
        }

        if (current.CodeExpiresAt > now && Matches(current.CodeDigest, current.CodeSalt, phone, code))
        {
            if (current.ReservedFor is not null && current.ReservedFor != claim)
            {
                // The right code, but another submission holds it right now: one code proves one application.
                return new VerificationAnswer(VerificationOutcome.Wrong, AttemptsLeft: left);
            }

            if (current.ReservedFor != claim)
            {
                current.ReservedFor = claim;
                await state.WriteStateAsync();
            }

            return new VerificationAnswer(VerificationOutcome.Verified, AttemptsLeft: left);
        }

        // Counted per phone over a rolling window, not per code: asking for a new code must not buy more guesses.
        current.FailedAt.Add(now);
        if (current.FailedAt.Count >= Limits.MaxWrongAttempts)
        {
            // The code is burnt as well: after the lockout a new one must be requested.
            current.LockedUntil = now + Limits.Lockout;
            current.CodeDigest = null;
            current.ReservedFor = null;
            current.FailedAt.Clear();
            await state.WriteStateAsync();
            return new VerificationAnswer(VerificationOutcome.Wrong, AttemptsLeft: 0);
        }

        await state.WriteStateAsync();
        return new VerificationAnswer(VerificationOutcome.Wrong, AttemptsLeft: Limits.MaxWrongAttempts - current.FailedAt.Count);
    }

    async Task IPhoneVerificationGrain.ReleaseAsync(string claim)
    {
        if (state.State.ReservedFor == claim)
        {
            state.State.ReservedFor = null;
            await state.WriteStateAsync();
        }
    }

    async Task IPhoneVerificationGrain.ConsumeAsync(string claim)
    {
        var current = state.State;
        if (current.ReservedFor != claim || current.CodeDigest is null)
        {
            return;
        }

        current.Proved.Add(new ProvedClaim { Claim = claim, CodeDigest = current.CodeDigest, CodeSalt = current.CodeSalt });
        if (current.Proved.Count > MaxProvedClaims)
        {
            current.Proved.RemoveAt(0);
        }

        current.CodeDigest = null;
        current.CodeSalt = null;
        current.ReservedFor = null;
        await state.WriteStateAsync();
    }

    // Only a keyed digest is kept, so a stored row never reveals a usable code, not even by trying all million. A row
    // from before the salt (an unkeyed hash) matches nothing: its holder asks for a new code.
    private bool Matches(string? storedDigest, string? salt, string phone, string code) =>
        storedDigest is not null && salt is not null && ApplicantDigests.Same(storedDigest, digests.Code(phone, salt, code));
}

internal sealed class PhoneVerificationState : StoredObject
{
    /// <summary>HMAC of the current code (<see cref="ApplicantDigests.Code"/>); never the code itself.</summary>
    public string? CodeDigest { get; set; }
    public string? CodeSalt { get; set; }
    public DateTimeOffset CodeExpiresAt { get; set; }
    /// <summary>The submission (idempotency key or request id) that holds the current code while it is being opened.</summary>
    public string? ReservedFor { get; set; }

    /// <summary>Wrong codes within <see cref="PhoneVerificationOptions.FailureWindow"/>, oldest first, whichever code they were meant for.</summary>
    public List<DateTimeOffset> FailedAt { get; set; } = [];

    /// <summary>Recent submissions a code proved, so their retries replay without the code being usable again.</summary>
    public List<ProvedClaim> Proved { get; set; } = [];
    public DateTimeOffset? LockedUntil { get; set; }
    public int Sequence { get; set; }

    /// <summary>When codes were sent within the current window, oldest first.</summary>
    public List<DateTimeOffset> SentAt { get; set; } = [];
}

internal sealed class ProvedClaim : StoredObject
{
    public string Claim { get; set; } = "";
    public string CodeDigest { get; set; } = "";
    public string? CodeSalt { get; set; }
}
