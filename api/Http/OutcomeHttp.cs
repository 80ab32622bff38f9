using Microsoft.AspNetCore.Http;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Http;

/// <summary>
/// What every grain answer (case, appointment, ...) shares on the way to HTTP: the status each <see cref="CaseOutcome"/>
/// stands for, the <c>Idempotent-Replayed</c> marker of a replayed command, and the problem body of a refusal. What a
/// success carries (ETag, Location, the 409's available actions) stays with each domain's own results class.
/// </summary>
internal static class OutcomeHttp
{
    public static int StatusOf(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Invalid => StatusCodes.Status400BadRequest,
        CaseOutcome.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        CaseOutcome.Forbidden => StatusCodes.Status403Forbidden,
        CaseOutcome.NotFound => StatusCodes.Status404NotFound,
        CaseOutcome.Conflict => StatusCodes.Status409Conflict,
        CaseOutcome.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        CaseOutcome.TooMany => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A retry with the same Idempotency-Key gets the first answer, marked so a client can tell.</summary>
    public static IResult Succeeded(HttpContext context, bool replayed, IResult answer)
    {
        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return answer;
    }

    public static IResult Refused(CaseOutcome outcome, string? field, string? message, object? extra = null, string? extraName = null, string? code = null) =>
        Problems.Result(StatusOf(outcome), field, message ?? "", extra, extraName, code);
}
