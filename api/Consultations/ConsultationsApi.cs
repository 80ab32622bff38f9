using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.Api.Stats;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Consultations;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;

namespace ServiceHall.Api.Consultations;

/// <summary><c>POST /api/consultations</c>: a clerk records an enquiry; <c>GET /api/stats/consultations</c> counts them.</summary>
public static class ConsultationsApi
{
    private static readonly HashSet<string> Channels = ["window", "cross-city", "nansha", "key-project", "instant", "online", "phone"];
    private static readonly HashSet<string> Outcomes = ["answered", "referred", "appointment-booked", "application-opened"];

    public static IEndpointRouteBuilder MapConsultationsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/consultations", RecordConsultation)
            .WithTags("Consultations").WithName("RecordConsultation").WithSummary("Record an enquiry answered at a window (clerk).")
            .Accepts<ConsultationRequest>("application/json").Produces<Consultation>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization();
        endpoints.MapGet("/api/stats/consultations", CountConsultations)
            .WithTags("Consultations").WithName("CountConsultations").WithSummary("Enquiries per day, window, channel and outcome (manager, admin).")
            .Produces<IReadOnlyList<ConsultationCount>>()
            .RequireAuthorization();
        return endpoints;
    }

    public static async Task<IResult> RecordConsultation(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation,
        WorkingCalendar calendar, [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        var actor = user.ToActor();
        if (actor.Role != StaffRoles.Clerk || actor.Hall is null)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, FieldError.Of("role", ErrorCodes.ConsultationClerkOnly, "Enquiries are recorded by a clerk at a window."));
        }

        var (body, problem) = await JsonBody.ReadAsync<ConsultationRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        // Every refused value at once; a malformed value makes it a 400, an unknown window alone a 422.
        var malformed = new List<FieldError>();
        if (body!.Channel is null || !Channels.Contains(body.Channel))
        {
            malformed.Add(FieldError.Of("channel", ErrorCodes.FieldOneOf, $"channel is one of {string.Join(", ", Channels)}.", ("allowed", string.Join(", ", Channels))));
        }

        if (body.Outcome is null || !Outcomes.Contains(body.Outcome))
        {
            malformed.Add(FieldError.Of("outcome", ErrorCodes.FieldOneOf, $"outcome is one of {string.Join(", ", Outcomes)}.", ("allowed", string.Join(", ", Outcomes))));
        }

        if (body.Topic is { Length: > 200 })
        {
            malformed.Add(FieldError.Of("topic", ErrorCodes.FieldTooLong, "topic is at most 200 characters.", ("max", 200)));
        }

        var window = body.Window ?? actor.Window;
        FieldError? noWindow = window is null || organisation.FindWindow(actor.Hall, window) is null
            ? FieldError.Of("window", ErrorCodes.WindowUnknown, $"Hall '{actor.Hall}' has no window '{window}'.", ("window", window))
            : null;
        if (malformed.Count > 0)
        {
            return Problems.BadRequest(noWindow is null ? malformed : [noWindow, .. malformed]);
        }

        if (noWindow is not null)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, noWindow);
        }

        var now = clock.GetUtcNow();
        var consultation = new Consultation
        {
            Id = idempotencyKey is null ? Guid.NewGuid().ToString("N") : $"{actor.Id}:{idempotencyKey}",
            Hall = actor.Hall,
            Window = window!,
            Channel = body.Channel!,
            ServiceItemCode = body.ServiceItemCode,
            Outcome = body.Outcome!,
            Topic = body.Topic,
            RecordedBy = actor.Id,
            At = now,
            Day = calendar.LocalDate(now),
        };
        var recorded = await grains.GetGrain<IConsultationLogGrain>(IConsultationLogGrain.Key(actor.Hall)).RecordAsync(consultation);
        return TypedResults.Created($"/api/stats/consultations?hall={actor.Hall}", recorded);
    }

    public static async Task<IResult> CountConsultations(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string? hall, string? from, string? to)
    {
        var (scope, first, last, problem) = StatisticsScope.Resolve(user.ToActor(), organisation, hall, from, to);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await grains.GetGrain<IConsultationLogGrain>(IConsultationLogGrain.Key(scope)).CountAsync(first, last));
    }
}

public sealed record ConsultationRequest(string? Window, string? Channel, string? ServiceItemCode, string? Outcome, string? Topic);
