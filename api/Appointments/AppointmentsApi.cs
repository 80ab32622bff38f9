using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Applications;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Cases;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;

namespace ServiceHall.Api.Appointments;

/// <summary>
/// <c>/api/appointments</c>: applicants find a slot and book, reschedule or cancel by code (no staff account); clerks
/// see a window's day and check applicants in, which opens the case; admins configure the slots (ARCHITECTURE §5).
/// </summary>
public static class AppointmentsApi
{
    private const int MaxIdempotencyKey = 200;

    public static IEndpointRouteBuilder MapAppointmentsApi(this IEndpointRouteBuilder endpoints)
    {
        var appointments = endpoints.MapGroup("/api/appointments").WithTags("Appointments");

        appointments.MapGet("/slots", GetSlots).AllowAnonymous()
            .WithName("GetAppointmentSlots").WithSummary("A date's slots for a service item across the hall's windows, with places left.")
            .Produces<SlotsResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        appointments.MapPost("/", Book).AllowAnonymous().RequireRateLimiting(AnonymousActionRateLimitOptions.PolicyName)
            .WithName("BookAppointment").WithSummary("Book a slot for a service item with the phone's verification code; 201 with the appointment code (sent by SMS too).")
            .Accepts<BookAppointmentRequest>("application/json")
            .Produces<AppointmentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        appointments.MapGet("/day", GetDay).RequireAuthorization()
            .WithName("GetAppointmentDay").WithSummary("A window's day (default: the clerk's window, today): slots and bookings.")
            .Produces<AppointmentDay>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        appointments.MapGet("/schedule", GetSchedule).RequireAuthorization()
            .WithName("GetAppointmentSchedule").WithSummary("The hall's slot configuration.")
            .Produces<AppointmentSchedule>().ProducesProblem(StatusCodes.Status404NotFound);
        appointments.MapPut("/schedule", PutSchedule).RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithName("PutAppointmentSchedule").WithSummary("Replace the hall's slot configuration (admin).")
            .Accepts<ScheduleRequest>("application/json")
            .Produces<AppointmentSchedule>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        appointments.MapGet("/{code}", GetAppointment).AllowAnonymous()
            .WithName("GetAppointment").WithSummary("The applicant's booking, by its code.")
            .Produces<AppointmentView>().ProducesProblem(StatusCodes.Status404NotFound);
        appointments.MapPost("/{code}/cancel", Cancel).AllowAnonymous().RequireRateLimiting(AnonymousActionRateLimitOptions.PolicyName)
            .WithName("CancelAppointment").WithSummary("Cancel, up to the cut-off before the slot.")
            .Produces<AppointmentView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        appointments.MapPost("/{code}/reschedule", Reschedule).AllowAnonymous().RequireRateLimiting(AnonymousActionRateLimitOptions.PolicyName)
            .WithName("RescheduleAppointment").WithSummary("Move to another slot (date, start, window), up to the cut-off; the code stays.")
            .Accepts<RescheduleAppointmentRequest>("application/json")
            .Produces<AppointmentView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        appointments.MapPost("/{code}/check-in", CheckIn).RequireAuthorization()
            .WithName("CheckInAppointment").WithSummary("Check the applicant in at the window (clerk): opens the case pre-filled and links it.")
            .Accepts<CheckInRequest>("application/json")
            .Produces<CheckInResponse>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    public static async Task<IResult> GetSlots(
        IGrainFactory grains, OrganisationDirectory organisation, string? hall, string? serviceItemCode, string? date)
    {
        var hallCode = hall ?? organisation.Halls[0].Code;
        var errors = new List<FieldError>();
        if (organisation.FindHall(hallCode) is null)
        {
            errors.Add(UnknownHall(hallCode));
        }

        if (string.IsNullOrWhiteSpace(serviceItemCode))
        {
            errors.Add(NoServiceItem);
        }

        if (!AppointmentParsing.TryDate(date, out var day))
        {
            errors.Add(NoDate);
        }

        return errors.Count > 0
            ? Problems.BadRequest(errors)
            : TypedResults.Ok(new SlotsResponse(hallCode, day, serviceItemCode!, await SlotsAsync(grains, hallCode, serviceItemCode!, day)));
    }

    /// <summary>Every window's slots for the item on the day, in time order (shared with the booking page).</summary>
    public static async Task<IReadOnlyList<SlotView>> SlotsAsync(IGrainFactory grains, string hall, string serviceItemCode, DateOnly date)
    {
        var schedule = await grains.GetGrain<IAppointmentScheduleGrain>(IAppointmentScheduleGrain.Key(hall)).GetAsync();
        var windows = schedule.Rules.Select(r => r.Window.ToLowerInvariant()).Distinct().ToList();
        var days = await Task.WhenAll(windows.Select(w =>
            grains.GetGrain<IAppointmentDayGrain>(AppointmentKeys.Day(hall, w, date)).GetDayAsync(serviceItemCode, staff: false)));
        return [.. days.SelectMany(d => d.Slots).OrderBy(s => s.Start).ThenBy(s => s.Window, StringComparer.Ordinal)];
    }

    public static async Task<IResult> Book(
        HttpContext context, IGrainFactory grains, OrganisationDirectory organisation,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > MaxIdempotencyKey })
        {
            return Problems.BadRequest(FieldError.Of("Idempotency-Key", ErrorCodes.FieldTooLong, "An Idempotency-Key is at most 200 characters.", ("max", MaxIdempotencyKey)));
        }

        var (request, problem) = await JsonBody.ReadAsync<BookAppointmentRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        // Every missing or malformed value at once, so the booking form marks them all in one go.
        var hallCode = request!.Hall ?? organisation.Halls[0].Code;
        var errors = new List<FieldError>();
        if (organisation.FindHall(hallCode) is null)
        {
            errors.Add(UnknownHall(hallCode));
        }
        else if (WindowProblem(organisation, hallCode, request.Window) is { } window)
        {
            errors.Add(window);
        }

        if (!AppointmentParsing.TryDate(request.Date, out var date))
        {
            errors.Add(NoDate);
        }

        if (!AppointmentParsing.TryTime(request.Start, out var start))
        {
            errors.Add(FieldError.Of("start", ErrorCodes.AppointmentSlotRequired, "The slot's start as HH:mm is required."));
        }

        if (string.IsNullOrWhiteSpace(request.ServiceItemCode))
        {
            errors.Add(NoServiceItem);
        }

        var applicant = request.Applicant is null ? null : new ApplicantDetails
        {
            Name = request.Applicant.Name?.Trim() ?? "",
            IdNumber = request.Applicant.IdNumber?.Trim() ?? "",
            Phone = request.Applicant.Phone?.Trim() ?? "",
        };
        errors.AddRange(BookingApplicant.Problems(applicant));
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        // Only the phone's holder books with it: a booking texts that phone, and quotas count by it. The claim ties the
        // code (and the quota places) to this booking on this day, so a retry is recognised and one key cannot be
        // replayed onto other days.
        var dayKey = AppointmentKeys.Day(hallCode, request.Window!, date);
        var claim = $"appointment:{dayKey}:{idempotencyKey ?? "request:" + Guid.NewGuid().ToString("N")}";
        var (proof, proofProblem) = await PhoneProof.ReserveAsync(context, grains, applicant!.Phone, request.VerificationCode, claim);
        if (proofProblem is not null)
        {
            return proofProblem;
        }

        AppointmentResult? result = null;
        try
        {
            result = await grains.GetGrain<IAppointmentDeskGrain>(0).BookAsync(dayKey, new BookAppointmentCommand
            {
                ServiceItemCode = request.ServiceItemCode!.Trim(),
                Start = start,
                Applicant = applicant,
                IdempotencyKey = idempotencyKey,
            }, claim);
        }
        finally
        {
            if (result is { Succeeded: true })
            {
                await proof!.ConsumeAsync(claim);
            }
            else
            {
                await PhoneProof.ReleaseAsync(proof, claim);
            }
        }

        return result.Outcome == CaseOutcome.TooMany
            ? PhoneProof.TooMany(context, result.RetryAfter, result.Field!, result.Errors[0].Code, result.Message ?? string.Empty)
            : result.ToHttp(context);
    }

    public static async Task<IResult> GetAppointment(HttpContext context, IGrainFactory grains, string code)
    {
        var (day, normalized) = await LocateAsync(grains, code);
        return day is null ? NotFound() : (await day.GetAsync(normalized)).ToHttp(context);
    }

    public static async Task<IResult> Cancel(
        HttpContext context, IGrainFactory grains, string code, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > MaxIdempotencyKey })
        {
            return Problems.BadRequest(FieldError.Of("Idempotency-Key", ErrorCodes.FieldTooLong, "An Idempotency-Key is at most 200 characters.", ("max", MaxIdempotencyKey)));
        }

        var (day, normalized) = await LocateAsync(grains, code);
        return day is null ? NotFound() : (await day.CancelAsync(normalized, idempotencyKey)).ToHttp(context);
    }

    public static async Task<IResult> Reschedule(
        HttpContext context, IGrainFactory grains, string code, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > MaxIdempotencyKey })
        {
            return Problems.BadRequest(FieldError.Of("Idempotency-Key", ErrorCodes.FieldTooLong, "An Idempotency-Key is at most 200 characters.", ("max", MaxIdempotencyKey)));
        }

        var (request, problem) = await JsonBody.ReadAsync<RescheduleAppointmentRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        if (!AppointmentParsing.TryDate(request!.Date, out var date))
        {
            errors.Add(NoDate);
        }

        if (!AppointmentParsing.TryTime(request.Start, out var start))
        {
            errors.Add(FieldError.Of("start", ErrorCodes.AppointmentSlotRequired, "The new slot's start as HH:mm is required."));
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        var normalized = AppointmentKeys.Normalize(code);
        var result = await grains.GetGrain<IAppointmentDeskGrain>(0)
            .RescheduleAsync(normalized, string.IsNullOrWhiteSpace(request.Window) ? null : request.Window.Trim(), date, start, idempotencyKey);
        return result.ToHttp(context);
    }

    public static async Task<IResult> CheckIn(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains, string code,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > MaxIdempotencyKey })
        {
            return Problems.BadRequest(FieldError.Of("Idempotency-Key", ErrorCodes.FieldTooLong, "An Idempotency-Key is at most 200 characters.", ("max", MaxIdempotencyKey)));
        }

        var (request, problem) = await JsonBody.ReadAsync<CheckInRequest>(context.Request, emptyIsObject: true);
        if (problem is not null)
        {
            return problem;
        }

        var materials = new List<SubmittedMaterial>();
        var missing = new List<FieldError>();
        for (var i = 0; i < (request!.Materials?.Count ?? 0); i++)
        {
            if (request.Materials![i] is not { } material)
            {
                missing.Add(FieldError.Of($"materials[{i}]", ErrorCodes.FieldRequired, "A material is required."));
                continue;
            }

            materials.Add(new SubmittedMaterial { Code = material.Code ?? "", Form = material.Form ?? "", ELicenceNumber = material.ELicenceNumber });
        }

        if (missing.Count > 0)
        {
            return Problems.BadRequest(missing);
        }

        var (day, normalized) = await LocateAsync(grains, code);
        if (day is null)
        {
            return NotFound();
        }

        var result = await day.CheckInAsync(new CheckInCommand
        {
            Code = normalized,
            Actor = user.ToActor(),
            Materials = materials,
            IdempotencyKey = idempotencyKey,
        });
        return result.ToHttp(context, r => TypedResults.Ok(new CheckInResponse(r.Appointment!, r.Case)));
    }

    public static async Task<IResult> GetDay(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, WorkingCalendar calendar,
        [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock, string? hall, string? window, string? date)
    {
        var actor = user.ToActor();
        if (actor.Role is not (StaffRoles.Clerk or StaffRoles.Manager or StaffRoles.Admin))
        {
            return Problems.Result(StatusCodes.Status403Forbidden, FieldError.Of("role", ErrorCodes.AppointmentDayStaffOnly, "Clerks, managers and admins see a window's appointments."));
        }

        var hallCode = hall ?? actor.Hall ?? organisation.Halls[0].Code;
        if (actor.Hall is not null && !string.Equals(actor.Hall, hallCode, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Result(StatusCodes.Status403Forbidden, FieldError.Of("hall", ErrorCodes.ScopeOtherHall, $"Hall '{hallCode}' is not yours."));
        }

        var windowCode = window ?? actor.Window;
        var errors = new List<FieldError>();
        if (WindowProblem(organisation, hallCode, windowCode) is { } unknownWindow)
        {
            errors.Add(unknownWindow);
        }

        var day = calendar.LocalDate(clock.GetUtcNow());
        if (date is not null && !AppointmentParsing.TryDate(date, out day))
        {
            errors.Add(NoDate);
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        return TypedResults.Ok(await grains.GetGrain<IAppointmentDayGrain>(AppointmentKeys.Day(hallCode, windowCode!, day)).GetDayAsync(null, staff: true));
    }

    public static async Task<IResult> GetSchedule(IGrainFactory grains, OrganisationDirectory organisation, string? hall)
    {
        var hallCode = hall ?? organisation.Halls[0].Code;
        return organisation.FindHall(hallCode) is null
            ? Problems.Result(StatusCodes.Status404NotFound, UnknownHall(hallCode))
            : TypedResults.Ok(await grains.GetGrain<IAppointmentScheduleGrain>(IAppointmentScheduleGrain.Key(hallCode)).GetAsync());
    }

    /// <summary>PUT replaces the whole configuration, so a retry (with or without an Idempotency-Key) stores the same thing.</summary>
    public static async Task<IResult> PutSchedule(HttpContext context, IGrainFactory grains, OrganisationDirectory organisation, string? hall)
    {
        var hallCode = hall ?? organisation.Halls[0].Code;
        if (organisation.FindHall(hallCode) is not { } found)
        {
            return Problems.BadRequest(UnknownHall(hallCode));
        }

        var (request, problem) = await JsonBody.ReadAsync<ScheduleRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var (schedule, malformed) = AppointmentParsing.ToSchedule(request!);
        if (schedule is null)
        {
            return Problems.BadRequest(malformed);
        }

        if (AppointmentScheduleValidator.Problems(schedule, found) is { Count: > 0 } invalid)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, invalid);
        }

        return TypedResults.Ok(await grains.GetGrain<IAppointmentScheduleGrain>(IAppointmentScheduleGrain.Key(found.Code)).SetAsync(schedule));
    }

    private static async Task<(IAppointmentDayGrain? Day, string Code)> LocateAsync(IGrainFactory grains, string code)
    {
        var normalized = AppointmentKeys.Normalize(code);
        var dayKey = await grains.GetGrain<IAppointmentDeskGrain>(0).LocateAsync(normalized);
        return (dayKey is null ? null : grains.GetGrain<IAppointmentDayGrain>(dayKey), normalized);
    }

    private static IResult NotFound() => Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("code", ErrorCodes.AppointmentNotFound, "No appointment has this code."));

    private static readonly FieldError NoServiceItem = FieldError.Of("serviceItemCode", ErrorCodes.ServiceItemRequired, "Name the service item.");

    private static readonly FieldError NoDate = FieldError.Of("date", ErrorCodes.FieldDate, "A date as yyyy-MM-dd is required.");

    private static FieldError UnknownHall(string hall) => FieldError.Of("hall", ErrorCodes.HallUnknown, $"Unknown hall '{hall}'.", ("hall", hall));

    /// <summary>No window named, or one the hall does not have.</summary>
    private static FieldError? WindowProblem(OrganisationDirectory organisation, string hall, string? window) =>
        string.IsNullOrWhiteSpace(window) ? FieldError.Of("window", ErrorCodes.AppointmentWindowRequired, $"Name one of hall '{hall}''s windows.")
        : organisation.FindWindow(hall, window) is null ? FieldError.Of("window", ErrorCodes.WindowUnknown, $"Hall '{hall}' has no window '{window}'.", ("window", window))
        : null;
}
