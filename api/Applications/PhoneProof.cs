using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Applications;

/// <summary>
/// Proof that an anonymous applicant holds the phone they give: the code texted by
/// <c>POST /api/applications/verification-codes</c>, checked and reserved for one request (an online application, a
/// booking), used up once that request succeeded and given back when it was refused, so it can be corrected.
/// </summary>
internal static class PhoneProof
{
    public const string Field = "verificationCode";

    /// <summary>No code typed: not a guess, so it costs no try.</summary>
    public static readonly FieldError Missing = FieldError.Of(Field, ErrorCodes.VerificationRequired, "The verification code sent to your phone is required.");

    /// <returns>The phone's verification grain holding the code for <paramref name="claim"/>, or the problem to answer.</returns>
    public static async Task<(IPhoneVerificationGrain? Proof, IResult? Problem)> ReserveAsync(
        HttpContext context, IGrainFactory grains, string phone, string? code, string claim)
    {
        code = code?.Trim() ?? "";
        if (code.Length == 0)
        {
            // Not a guess, so it costs no try.
            return (null, Problems.Result(StatusCodes.Status401Unauthorized, [Missing]));
        }

        var candidate = grains.GetGrain<IPhoneVerificationGrain>(phone);
        var check = await candidate.ReserveAsync(code, claim);
        if (check.Outcome == VerificationOutcome.TooMany)
        {
            return (null, TooMany(context, check, Field, ErrorCodes.VerificationTooManyTries, "Too many wrong codes; wait, then ask for a new code."));
        }

        return check.Outcome == VerificationOutcome.Verified
            ? (candidate, null)
            : (null, Problems.Result(StatusCodes.Status401Unauthorized, [FieldError.Of(Field, ErrorCodes.VerificationWrong,
                $"Wrong, expired or already used verification code; {check.AttemptsLeft} tries left.", ("left", check.AttemptsLeft))]));
    }

    public static async Task ReleaseAsync(IPhoneVerificationGrain? proof, string claim)
    {
        if (proof is not null)
        {
            await proof.ReleaseAsync(claim);
        }
    }

    public static IResult TooMany(HttpContext context, VerificationAnswer answer, string field, string code, string detail) =>
        TooMany(context, answer.RetryAfter, field, code, detail);

    /// <summary>429 with <c>Retry-After</c>, naming the field whose limit was reached; the code's text says the wait (<c>{seconds}</c>).</summary>
    public static IResult TooMany(HttpContext context, TimeSpan? retryAfter, string field, string code, string detail)
    {
        var seconds = Seconds(retryAfter);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Result(StatusCodes.Status429TooManyRequests,
            [FieldError.Of(field, code, detail, ("seconds", seconds))]);
    }

    public static int Seconds(TimeSpan? span) => span is { } s ? Math.Max(1, (int)Math.Ceiling(s.TotalSeconds)) : 0;
}
