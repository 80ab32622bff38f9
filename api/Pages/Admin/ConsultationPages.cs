using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Admin;

/// <summary>
/// <c>/consultations/new</c>: the clerk's enquiry log (咨询登记). The rule is the API's: a clerk of a hall records
/// enquiries (POST /api/consultations refuses anyone else); everyone else gets a 403 page saying so.
/// </summary>
public static class ConsultationPages
{
    public static IEndpointRouteBuilder MapConsultationPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/consultations/new", GetConsultationPage);
        return endpoints;
    }

    private static async Task<IResult> GetConsultationPage(ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation)
    {
        var actor = user.ToActor();
        if (actor.Role != StaffRoles.Clerk || organisation.FindHall(actor.Hall) is not { } hall)
        {
            return StaffForbidden.For("consultation");
        }

        var items = await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemsAsync();
        return new RazorComponentResult<ConsultationPage>(new Dictionary<string, object?>
        {
            [nameof(ConsultationPage.Hall)] = hall,
            [nameof(ConsultationPage.OwnWindow)] = actor.Window,
            [nameof(ConsultationPage.OwnChannel)] = organisation.FindWindow(actor.Hall, actor.Window)?.Channel,
            [nameof(ConsultationPage.Items)] = items.OrderBy(i => i.Code, StringComparer.Ordinal).ToList(),
        });
    }
}
