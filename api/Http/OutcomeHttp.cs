using Microsoft.AspNetCore.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Refusals;

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

    /// <param name="errors">The refused rules with their catalogue codes; without them, one uncoded refusal of <paramref name="field"/>.</param>
    public static IResult Refused(CaseOutcome outcome, string? field, string? message, IReadOnlyList<FieldError> errors, object? extra = null, string? extraName = null) =>
        errors.Count > 0
            ? Problems.Result(StatusOf(outcome), errors, extra, extraName)
            : Problems.Result(StatusOf(outcome), field, message ?? string.Empty, extra, extraName);
}
