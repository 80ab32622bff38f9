using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Coordination;
using ServiceHall.Api.Http;
using ServiceHall.Api.Pages.Cases;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Pages.Coordinator;

/// <summary>
/// <c>/coordinator</c>, the key-project console: the signed-in coordinator's projects with each department step's
/// state and due date and the steering forms; <c>/coordinator/projects/{id}</c> renders one project alone, which the
/// page's script fetches again after each push. With <c>?mine=true</c> it renders only a project assigned to the caller
/// (the "my projects" rule): the console asks so, since its coordinator's board also hears district colleagues'
/// projects, and a card reassigned to a colleague must leave.
/// </summary>
public static class CoordinatorPages
{
    public static IEndpointRouteBuilder MapCoordinatorPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/coordinator", ShowConsoleAsync);
        endpoints.MapStaffFragment("/coordinator/projects/{id}", ProjectAsync,
            FieldError.Of("Authorization", ErrorCodes.SignInForProject, "Sign in to see this project."));
        return endpoints;
    }

    private static async Task<IResult> ShowConsoleAsync(ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation)
    {
        var actor = user.ToActor();
        if (actor.Role != StaffRoles.Coordinator)
        {
            return new RazorComponentResult<CoordinatorPage>(new Dictionary<string, object?>
            {
                [nameof(CoordinatorPage.Projects)] = Array.Empty<CaseView>(),
                [nameof(CoordinatorPage.Names)] = await NamesAsync(grains, organisation),
                [nameof(CoordinatorPage.Refused)] = true,
            })
            { StatusCode = StatusCodes.Status403Forbidden };
        }

        return new RazorComponentResult<CoordinatorPage>(new Dictionary<string, object?>
        {
            [nameof(CoordinatorPage.Projects)] = await CoordinationApi.ProjectsOfAsync(grains, actor),
            [nameof(CoordinatorPage.Names)] = await NamesAsync(grains, organisation),
        });
    }

    private static async Task<IResult> ProjectAsync(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string id, bool? mine)
    {
        var actor = user.ToActor();
        var result = CaseIds.LooksLikeCaseId(id) && actor.Role == StaffRoles.Coordinator
            ? await grains.GetGrain<ICaseGrain>(id).GetAsync(actor)
            : null;
        if (result?.Case is not { Coordination: not null } view
            || (mine == true && !string.Equals(view.Coordination.Coordinator, actor.Id, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("id", ErrorCodes.ConsoleProjectNotFound, $"No project '{id}' on your console."));
        }

        return new RazorComponentResult<ProjectCard>(new Dictionary<string, object?>
        {
            [nameof(ProjectCard.Project)] = view,
            [nameof(ProjectCard.Names)] = await NamesAsync(grains, organisation),
        });
    }

    /// <summary>Department names in the page's language (plans name departments by code).</summary>
    private static async Task<CaseNames> NamesAsync(IGrainFactory grains, OrganisationDirectory organisation) =>
        new(null, await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetDepartmentsAsync(), organisation);
}
