using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Apply;

/// <summary>
/// <c>/apply</c>: the online application, public (no staff account). <c>?item=</c> picks the service item; the page
/// lists its materials as uploads and posts everything to <c>POST /api/applications</c> from the browser.
/// </summary>
public static class ApplyPages
{
    public static IEndpointRouteBuilder MapApplyPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPage("/apply", GetApplyPage);
        return endpoints;
    }

    private static async Task<RazorComponentResult<ApplyPage>> GetApplyPage(IGrainFactory grains, OrganisationDirectory organisation, string? item)
    {
        var items = (await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetItemsAsync())
            .Where(i => i.Channels.Contains("online"))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .ToList();
        var selected = items.FirstOrDefault(i => string.Equals(i.Code, item?.Trim(), StringComparison.OrdinalIgnoreCase));
        return new RazorComponentResult<ApplyPage>(new Dictionary<string, object?>
        {
            [nameof(ApplyPage.Model)] = new ApplyModel(items, selected, organisation.Halls),
        });
    }
}

/// <summary>The items offered online, the one chosen (if any), and the halls that accept and hand out.</summary>
public sealed record ApplyModel(IReadOnlyList<ServiceItem> Items, ServiceItem? Selected, IReadOnlyList<Hall> Halls);
