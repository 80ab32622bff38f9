using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Coordination;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Admin;

/// <summary>
/// The admin's forms for what only the API did before: <c>/admin/coordinators</c> (reassign a case's coordinator),
/// <c>/admin/e-licences</c> (import electronic business licences), <c>/admin/certificates</c> (revoke a certificate),
/// <c>/admin/catalog</c> and <c>/admin/catalog/{code}</c> (edit the catalogue). Each page follows its API's rule —
/// admins only (the admin policy of the certificate and catalogue APIs, the admin-only assign-coordinator action) — and
/// answers anyone else with a 403 page. The forms post to the API from the browser, so its validation is the only one.
/// </summary>
public static class AdminFormPages
{
    public static IEndpointRouteBuilder MapAdminFormPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/admin/coordinators", GetCoordinatorPage);
        endpoints.MapStaffPage("/admin/e-licences", GetLicencePage);
        endpoints.MapStaffPage("/admin/certificates", GetRevocationPage);
        endpoints.MapStaffPage("/admin/catalog", GetCatalogList);
        endpoints.MapStaffPage("/admin/catalog/{code}", GetCatalogItem);
        return endpoints;
    }

    private static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(StaffRoles.Admin);

    private static async Task<IResult> GetCoordinatorPage(ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string? @case)
    {
        if (!IsAdmin(user))
        {
            return StaffForbidden.For("coordinators");
        }

        return new RazorComponentResult<CoordinatorAssignPage>(new Dictionary<string, object?>
        {
            [nameof(CoordinatorAssignPage.CaseId)] = @case?.Trim(),
            [nameof(CoordinatorAssignPage.Coordinators)] = organisation.Staff
                .Where(s => s.Role == StaffRoles.Coordinator).OrderBy(s => s.District).ThenBy(s => s.Username, StringComparer.Ordinal).ToList(),
            [nameof(CoordinatorAssignPage.OpenLoad)] = await grains.GetGrain<ICoordinatorDeskGrain>(ICoordinatorDeskGrain.MainKey).LoadAsync(),
        });
    }

    private static IResult GetLicencePage(ClaimsPrincipal user) =>
        IsAdmin(user) ? new RazorComponentResult<LicenceImportPage>() : StaffForbidden.For("licences");

    private static IResult GetRevocationPage(ClaimsPrincipal user, string? number) =>
        IsAdmin(user)
            ? new RazorComponentResult<RevocationPage>(new Dictionary<string, object?> { [nameof(RevocationPage.Number)] = number?.Trim() })
            : StaffForbidden.For("revoke");

    private static async Task<IResult> GetCatalogList(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!IsAdmin(user))
        {
            return StaffForbidden.For("catalog");
        }

        var catalogue = grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
        return new RazorComponentResult<CatalogListPage>(new Dictionary<string, object?>
        {
            [nameof(CatalogListPage.Items)] = await catalogue.GetItemsAsync(),
            [nameof(CatalogListPage.Departments)] = await catalogue.GetDepartmentsAsync(),
        });
    }

    private static async Task<IResult> GetCatalogItem(ClaimsPrincipal user, IGrainFactory grains, string code)
    {
        if (!IsAdmin(user))
        {
            return StaffForbidden.For("catalog");
        }

        var catalogue = grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
        ServiceItem? item = null;
        if (!string.Equals(code, "new", StringComparison.Ordinal)
            && (code.Length > 64 || (item = await catalogue.GetItemAsync(code)) is null))
        {
            return new RazorComponentResult<Errors.NotFoundPage> { StatusCode = StatusCodes.Status404NotFound };
        }

        return new RazorComponentResult<CatalogItemPage>(new Dictionary<string, object?>
        {
            [nameof(CatalogItemPage.Item)] = item,
            [nameof(CatalogItemPage.Departments)] = await catalogue.GetDepartmentsAsync(),
        });
    }
}
