using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Cases;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Board;

/// <summary>
/// <c>/board</c> and the two fragments its script asks for: one card after a push (<c>/board/cards/{id}</c>, 204 when
/// the case has left this board) and all columns after a gap or a reconnect (<c>/board/columns</c>).
/// </summary>
public static class BoardPages
{
    public static IEndpointRouteBuilder MapBoardPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/board", ShowBoardAsync);
        endpoints.MapStaffFragment("/board/columns", ColumnsAsync, "Sign in to see the board.");
        endpoints.MapStaffFragment("/board/cards/{id}", CardAsync, "Sign in to see the board.");
        return endpoints;
    }

    public static IServiceCollection AddBoardPages(this IServiceCollection services) => services.AddSingleton<BoardReader>();

    private static async Task<IResult> ShowBoardAsync(
        ClaimsPrincipal user, HttpContext context, BoardReader reader, OrganisationDirectory organisation, IGrainFactory grains)
    {
        var actor = user.ToActor();
        var model = await reader.ReadAsync(actor, BoardFilter.FromQuery(context.Request.Query));
        // The same rule as the cases the board shows, so the choices cannot offer a hall the board would refuse.
        var mine = CaseScope.HallsOf(actor, organisation);
        var halls = organisation.Halls.Where(h => mine.Contains(h.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        var windowHall = model.Filter.Hall ?? actor.Hall;
        var windows = organisation.Halls
            .Where(h => windowHall is null || string.Equals(h.Code, windowHall, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Windows).DistinctBy(w => w.Code).ToList();
        var departments = await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetDepartmentsAsync();
        return new RazorComponentResult<BoardPage>(new Dictionary<string, object?>
        {
            [nameof(BoardPage.Model)] = model,
            [nameof(BoardPage.HallChoices)] = halls,
            [nameof(BoardPage.WindowChoices)] = windows,
            [nameof(BoardPage.Departments)] = departments,
        })
        { StatusCode = model.Refusal?.Status ?? StatusCodes.Status200OK };
    }

    private static async Task<IResult> ColumnsAsync(ClaimsPrincipal user, HttpContext context, BoardReader reader)
    {
        var model = await reader.ReadAsync(user.ToActor(), BoardFilter.FromQuery(context.Request.Query));
        return model.Refusal is { } refusal
            ? Results.StatusCode(refusal.Status)
            : new RazorComponentResult<BoardColumns>(new Dictionary<string, object?> { [nameof(BoardColumns.Model)] = model });
    }

    private static async Task<IResult> CardAsync(ClaimsPrincipal user, HttpContext context, BoardReader reader, string id)
    {
        var card = await reader.ReadCardAsync(user.ToActor(), BoardFilter.FromQuery(context.Request.Query), id);
        return card is null
            ? Results.NoContent()
            : new RazorComponentResult<BoardCard>(new Dictionary<string, object?> { [nameof(BoardCard.Card)] = card });
    }
}
