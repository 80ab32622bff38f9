using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Cases;

/// <summary>Maps a grain's <see cref="CaseResult"/> to the HTTP answer: the case with its version as ETag, or problem details.</summary>
internal static class CaseHttpResults
{
    public static IResult ToHttp(this CaseResult result, HttpContext context, Func<CaseView, IResult>? success = null)
    {
        if (result.Succeeded)
        {
            var view = result.Case!;
            context.Response.Headers.ETag = $"\"{view.Version}\"";
            if (result.Replayed)
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return success?.Invoke(view) ?? TypedResults.Ok(view);
        }

        var status = result.Outcome switch
        {
            CaseOutcome.Invalid => StatusCodes.Status400BadRequest,
            CaseOutcome.Unprocessable => StatusCodes.Status422UnprocessableEntity,
            CaseOutcome.Forbidden => StatusCodes.Status403Forbidden,
            CaseOutcome.NotFound => StatusCodes.Status404NotFound,
            CaseOutcome.Conflict => StatusCodes.Status409Conflict,
            CaseOutcome.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            _ => StatusCodes.Status500InternalServerError,
        };
        return status == StatusCodes.Status409Conflict
            ? Problems.Result(status, result.Field, result.Message ?? "", result.AvailableActions, "availableActions")
            : Problems.Result(status, result.Field, result.Message ?? "");
    }
}
