using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Cases;

/// <summary>Maps a grain's <see cref="CaseResult"/> to the HTTP answer: the case with its version as ETag, or problem details.</summary>
internal static class CaseHttpResults
{
    public static IResult ToHttp(this CaseResult result, HttpContext context, Func<CaseView, IResult>? success = null)
    {
        if (result.Succeeded && result.Headline is { } headline)
        {
            // The caller asked for a minimal answer (CaseActionCommand.MinimalAnswer): no view was built.
            context.Response.Headers.ETag = $"\"{headline.Version}\"";
            return OutcomeHttp.Succeeded(context, result.Replayed, ReturnPreference.Summary(context, headline));
        }

        if (result.Succeeded)
        {
            var view = result.Case!;
            context.Response.Headers.ETag = $"\"{view.Version}\"";
            return OutcomeHttp.Succeeded(context, result.Replayed, success?.Invoke(view) ?? TypedResults.Ok(view));
        }

        // A 409 lists what the case allows now, so a client can offer those instead.
        return result.Outcome == CaseOutcome.Conflict
            ? OutcomeHttp.Refused(result.Outcome, result.Field, result.Message, result.Errors, result.AvailableActions, "availableActions")
            : OutcomeHttp.Refused(result.Outcome, result.Field, result.Message, result.Errors);
    }
}
