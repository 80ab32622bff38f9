using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Pages;

/// <summary>
/// How a page address is mapped, so that each page file only says what is its own. Pages are for people, so none is
/// in the OpenAPI description. A staff page sends a visitor who has not signed in to sign in and back; a fragment (the
/// part of a page its script re-reads) is never served from a cache and, for staff, answers a missing sign-in with a
/// 401 problem: a script wants a status, not the sign-in page.
/// </summary>
public static class PageEndpoints
{
    public static RouteHandlerBuilder MapPage(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapGet(pattern, handler).ExcludeFromDescription();

    public static RouteHandlerBuilder MapStaffPage(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapPage(pattern, handler).AddEndpointFilter((invocation, next) => SignedIn(invocation.HttpContext)
            ? next(invocation)
            : ValueTask.FromResult<object?>(SignInFirst(invocation.HttpContext)));

    public static RouteHandlerBuilder MapFragment(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapPage(pattern, handler).AddEndpointFilter((invocation, next) =>
        {
            invocation.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(invocation);
        });

    /// <param name="signIn">The 401's refusal: what the caller would see once signed in.</param>
    public static RouteHandlerBuilder MapStaffFragment(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler, FieldError signIn) =>
        endpoints.MapFragment(pattern, handler).AddEndpointFilter((invocation, next) => SignedIn(invocation.HttpContext)
            ? next(invocation)
            : ValueTask.FromResult<object?>(Problems.Result(StatusCodes.Status401Unauthorized, signIn)));

    private static bool SignedIn(HttpContext context) => context.User.Identity?.IsAuthenticated == true;

    private static IResult SignInFirst(HttpContext context) =>
        Results.LocalRedirect("/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
}
