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
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Pages.Board;

/// <summary>
/// <c>/board</c> and the two fragments its script asks for: one card after a push (<c>/board/cards/{id}</c>, 204 when
/// the case has left this board) and all columns after a gap or a reconnect (<c>/board/columns</c>).
/// </summary>
public static class BoardPages
{
    private static readonly FieldError SignInForBoard = FieldError.Of("Authorization", ErrorCodes.SignInForBoard, "Sign in to see the board.");

    public static IEndpointRouteBuilder MapBoardPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/board", ShowBoardAsync);
        endpoints.MapStaffFragment("/board/columns", ColumnsAsync, SignInForBoard);
        endpoints.MapStaffFragment("/board/cards/{id}", CardAsync, SignInForBoard);
        return endpoints;
    }

    public static IServiceCollection AddBoardPages(this IServiceCollection services) => services.AddSingleton<BoardReader>();

    private static async Task<IResult> ShowBoardAsync(
        ClaimsPrincipal user, HttpContext context, BoardReader reader, OrganisationDirectory organisation, IGrainFactory grains)
    {
        var actor = user.ToActor();
        // A clerk works one window: the board opens on it (the window filter's "any" shows the whole hall).
        var filter = BoardFilter.FromQuery(context.Request.Query, actor.Role == StaffRoles.Clerk ? actor.Window : null);
        if (await CaseOfTrackingCodeAsync(grains, actor, filter.Q) is { } tracked)
        {
            return Results.LocalRedirect("/cases/" + Uri.EscapeDataString(tracked));
        }

        var model = await reader.ReadAsync(actor, filter);
        // The same rule as the cases the board shows, so the choices cannot offer a hall the board would refuse.
        var mine = CaseScope.HallsOf(actor, organisation);
        var halls = organisation.Halls.Where(h => mine.Contains(h.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        var windowHall = model.Filter.Hall ?? actor.Hall;
        var windowHalls = organisation.Halls
            .Where(h => windowHall is null || string.Equals(h.Code, windowHall, StringComparison.OrdinalIgnoreCase)).ToList();
        var windows = windowHalls
            .SelectMany(h => h.Windows.Select(w => (Hall: h, Window: w)))
            .GroupBy(x => x.Window.Code, StringComparer.OrdinalIgnoreCase)
            .Select(group => BoardWindowChoice.Of(group, windowHalls.Count > 1)).ToList();
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

    /// <summary>A tracking code typed into the search opens its case, when the caller may read it.</summary>
    private static async Task<string?> CaseOfTrackingCodeAsync(IGrainFactory grains, ServiceHall.Grains.Cases.CaseActor actor, string? q)
    {
        var code = q?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (code is null || !ServiceHall.Grains.Cases.CaseIds.LooksLikeTrackingCode(code))
        {
            return null;
        }

        var id = await grains.GetGrain<ServiceHall.Grains.Cases.ITrackingGrain>(ServiceHall.Grains.Cases.ITrackingGrain.Key(code)).GetCaseIdAsync();
        return id is not null && (await grains.GetGrain<ServiceHall.Grains.Cases.ICaseGrain>(id).GetAsync(actor)).Case is not null ? id : null;
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

/// <summary>
/// A window code the board's filter offers, once however many halls have it. A code only one hall has is named with
/// its hall, so a reviewer seeing every hall can tell the two "穗清通办窗口" (Guangzhou's and Qingyuan's) apart.
/// </summary>
public sealed record BoardWindowChoice(string Code, string NameZh, string NameEn)
{
    public static BoardWindowChoice Of(IGrouping<string, (Hall Hall, Window Window)> halls, bool severalHalls)
    {
        var (hall, window) = halls.First();
        return !severalHalls || halls.Count() > 1
            ? new BoardWindowChoice(window.Code, window.NameZh, window.NameEn)
            : new BoardWindowChoice(window.Code, $"{hall.NameZh} · {window.NameZh}", $"{hall.NameEn} · {window.NameEn}");
    }
}
