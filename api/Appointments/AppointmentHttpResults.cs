using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Appointments;

/// <summary>Maps an <see cref="AppointmentResult"/> to its HTTP answer: the appointment (201 with its address when booked), or problem details.</summary>
internal static class AppointmentHttpResults
{
    public static IResult ToHttp(this AppointmentResult result, HttpContext context, Func<AppointmentResult, IResult>? success = null) =>
        result.Succeeded
            ? OutcomeHttp.Succeeded(context, result.Replayed, success?.Invoke(result) ?? (result.Outcome == CaseOutcome.Created
                ? TypedResults.Created($"/api/appointments/{result.Appointment!.Code}", result.Appointment)
                : TypedResults.Ok(result.Appointment)))
            : OutcomeHttp.Refused(result.Outcome, result.Field, result.Message, result.Errors);
}
