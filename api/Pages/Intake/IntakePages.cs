using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Auth;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Intake;

/// <summary>
/// <c>/cases/new</c>: a clerk receives a walk-in applicant at the window (一窗受理). <c>?item=</c> picks the service
/// item; the page lists its materials as a checklist and posts <c>POST /api/cases</c> (or, with an appointment code,
/// the appointment's check-in) from the browser, then opens the case page.
/// </summary>
public static class IntakePages
{
    public static IEndpointRouteBuilder MapIntakePages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPage("/cases/new", GetIntakePage);
        return endpoints;
    }

    private static async Task<RazorComponentResult<IntakePage>> GetIntakePage(
        ClaimsPrincipal user, IGrainFactory grains, OrganisationDirectory organisation, string? item, string? appointment)
    {
        var catalogue = grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
        var items = (await catalogue.GetItemsAsync())
            .Where(i => i.Channels.Any(c => c != ServiceChannels.Online))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .ToList();
        var actor = user.ToActor();
        var hall = organisation.FindHall(actor.Hall);
        var selected = items.FirstOrDefault(i => string.Equals(i.Code, item?.Trim(), StringComparison.OrdinalIgnoreCase));
        return new RazorComponentResult<IntakePage>(new Dictionary<string, object?>
        {
            [nameof(IntakePage.Model)] = new IntakeModel(
                items, await catalogue.GetDepartmentsAsync(), selected, hall, organisation.FindWindow(actor.Hall, actor.Window),
                organisation.Halls, actor.Role == StaffRoles.Clerk && hall is not null, appointment?.Trim()),
        });
    }
}

/// <summary>What the intake page needs: the counter items, the one chosen, and the clerk's own hall and window.</summary>
/// <param name="MayOpen">Only a clerk of a hall opens cases; anyone else sees why not.</param>
public sealed record IntakeModel(
    IReadOnlyList<ServiceItem> Items,
    IReadOnlyList<Department> Departments,
    ServiceItem? Selected,
    Hall? Hall,
    Window? OwnWindow,
    IReadOnlyList<Hall> Halls,
    bool MayOpen,
    string? AppointmentCode)
{
    /// <summary>The channels this item is taken on at a counter; the clerk's own window's channel first when it is one.</summary>
    public IReadOnlyList<string> CounterChannels =>
        Selected is null ? [] : [.. Selected.Channels.Where(c => c != ServiceChannels.Online).OrderBy(c => c == OwnWindow?.Channel ? 0 : 1)];

    public string DepartmentName(string code, bool english) =>
        Departments.FirstOrDefault(d => d.Code == code) is { } d ? (english ? d.NameEn : d.NameZh) : code;
}
