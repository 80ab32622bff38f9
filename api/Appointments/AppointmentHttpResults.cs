using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Appointments;

/// <summary>Maps an <see cref="AppointmentResult"/> to its HTTP answer, as <c>CaseHttpResults</c> does for cases.</summary>
internal static class AppointmentHttpResults
{
    public static IResult ToHttp(this AppointmentResult result, HttpContext context, Func<AppointmentResult, IResult>? success = null)
    {
        if (result.Succeeded)
        {
            if (result.Replayed)
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return success?.Invoke(result) ?? (result.Outcome == CaseOutcome.Created
                ? TypedResults.Created($"/api/appointments/{result.Appointment!.Code}", result.Appointment)
                : TypedResults.Ok(result.Appointment));
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
        return Problems.Result(status, result.Field, result.Message ?? "");
    }
}
