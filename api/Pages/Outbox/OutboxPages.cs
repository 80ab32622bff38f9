using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Operations;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Outbox;

/// <summary>
/// <c>/admin/outbox</c>: the text messages the hall "sent" while no SMS provider is configured — in a demo, how an
/// online applicant's verification code and tracking code are read. The admin's page of <c>GET /api/outbox</c>, with
/// its rule: admins only. Phone numbers are shown masked; the page logs nothing.
/// </summary>
public static class OutboxPages
{
    public const int Shown = 200;

    public static IEndpointRouteBuilder MapOutboxPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/admin/outbox", GetOutboxPage);
        return endpoints;
    }

    private static async Task<RazorComponentResult<OutboxPage>> GetOutboxPage(ClaimsPrincipal user, IGrainFactory grains, HttpContext context)
    {
        // The page itself is no-store: a shown code must not outlive it in a cache.
        context.Response.Headers.CacheControl = "no-store";
        var mayRead = user.IsInRole(StaffRoles.Admin);
        return new RazorComponentResult<OutboxPage>(new Dictionary<string, object?>
        {
            [nameof(OutboxPage.Messages)] = mayRead ? await OutboxApi.ReadAsync(grains, Shown, caseId: null) : [],
            [nameof(OutboxPage.MayRead)] = mayRead,
        })
        { StatusCode = mayRead ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden };
    }

    /// <summary>A mobile number with its middle four digits hidden (138****8000); a staff address as it is.</summary>
    public static string MaskedRecipient(string to) =>
        to.Length == 11 && to.All(char.IsAsciiDigit) ? $"{to[..3]}****{to[7..]}" : to;
}
