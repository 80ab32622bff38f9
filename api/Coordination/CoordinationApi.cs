using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Cases;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Coordination;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Coordination;

/// <summary>
/// Key-project coordination: a coordinator's own projects, and an admin's override of who coordinates a case. The
/// steering itself goes through <c>POST /api/cases/{id}/actions/{action}</c> like every other action.
/// </summary>
public static class CoordinationApi
{
    public static IEndpointRouteBuilder MapCoordinationApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/coordinator/projects", MyProjects).RequireAuthorization()
            .WithTags("Coordination").WithName("MyProjects").WithSummary("The signed-in coordinator's key projects, open ones first.")
            .Produces<CoordinatorProjectsResponse>().ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapGet("/api/coordinator/load", Load).RequireAuthorization()
            .WithTags("Coordination").WithName("CoordinatorLoad").WithSummary("Open projects per coordinator (admin).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapPut("/api/cases/{id}/coordinator", AssignCoordinator).RequireAuthorization()
            .WithTags("Coordination").WithName("AssignCoordinator")
            .WithSummary("Admin: name the coordinator ({coordinator}) or let the rule pick in a district ({district}); flags any case as a key project.")
            .WithDescription("{id} is the case id (case-…) or the case number (受理编号, GZ-20261127-000123) shown on the case page and the board.")
            .Accepts<AssignCoordinatorRequest>("application/json")
            .Produces<CaseView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    public static async Task<IResult> MyProjects(ClaimsPrincipal user, IGrainFactory grains)
    {
        var actor = user.ToActor();
        if (actor.Role != StaffRoles.Coordinator)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "role", "Only coordinators have key projects.", code: "coordination.projectsForCoordinators");
        }

        return TypedResults.Ok(new CoordinatorProjectsResponse(await ProjectsOfAsync(grains, actor)));
    }

    /// <summary>The coordinator's projects as they may see them now (a project moved to another district drops out).</summary>
    public static async Task<IReadOnlyList<CaseView>> ProjectsOfAsync(IGrainFactory grains, CaseActor coordinator)
    {
        var desk = await grains.GetGrain<ICoordinatorDeskGrain>(ICoordinatorDeskGrain.MainKey).ProjectsOfAsync(coordinator.Id);
        var views = await Task.WhenAll(desk.Select(p => grains.GetGrain<ICaseGrain>(p.CaseId).GetAsync(coordinator)));
        return [.. views.Where(v => v.Succeeded).Select(v => v.Case!)];
    }

    public static async Task<IResult> Load(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (user.ToActor().Role != StaffRoles.Admin)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "role", "Only an admin sees every coordinator's load.", code: "coordination.loadForAdmins");
        }

        return TypedResults.Ok(await grains.GetGrain<ICoordinatorDeskGrain>(ICoordinatorDeskGrain.MainKey).LoadAsync());
    }

    public static async Task<IResult> AssignCoordinator(
        HttpContext context, ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string id,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        // An admin knows the case by its number (受理编号); the id stays accepted for scripts and links.
        id = id.Trim();
        if (!CaseIds.LooksLikeCaseId(id))
        {
            if (await CaseNumberLookup.IdOfAsync(grains, organisation, user.ToActor(), id) is not { } found)
            {
                return Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("id", "case.notFound", $"No case '{id}'.", ("id", id))]);
            }

            id = found;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, emptyIsObject: false);
        if (problem is not null)
        {
            return problem;
        }

        // A field that is present must say something: a number or a blank must not quietly fall back to the rule.
        // Both are checked before refusing, so the form marks each at once.
        var errors = new List<FieldError>();
        foreach (var field in (string[])["coordinator", "district"])
        {
            if (body.TryGetPropertyValue(field, out var value) && !(value is JsonValue text && text.TryGetValue<string>(out var name)))
            {
                errors.Add(FieldError.Of(field, "field.notText", $"'{field}' must be a non-empty string."));
            }
            else if (value is not null && string.IsNullOrWhiteSpace(value.GetValue<string>()))
            {
                errors.Add(FieldError.Of(field, "field.required", $"'{field}' must be a non-empty string."));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        if (body["coordinator"] is null && body["district"] is null)
        {
            return Problems.BadRequest("coordinator", "Name a coordinator, or a district for the rule to pick in.", "coordination.coordinatorOrDistrict");
        }

        var (input, inputProblem) = ActionBody.Bind(body);
        if (inputProblem is not null)
        {
            return inputProblem;
        }

        var command = new CaseActionCommand
        {
            Action = "assign-coordinator",
            Input = input!,
            Actor = user.ToActor(),
            IdempotencyKey = idempotencyKey,
        };
        return (await grains.Case(id).ActAsync(command)).ToHttp(context);
    }
}

public sealed record CoordinatorProjectsResponse(IReadOnlyList<CaseView> Items);

public sealed record AssignCoordinatorRequest(string? Coordinator, string? District);
