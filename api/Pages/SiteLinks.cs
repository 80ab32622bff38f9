using System.Security.Claims;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages;

/// <summary>A page the navigation and the home page offer, and who sees it (no roles: everyone, signed in or not).</summary>
public sealed record SiteLink(string Path, string TextKey, string DescriptionKey, params string[] Roles)
{
    public bool IsFor(ClaimsPrincipal user) =>
        Roles.Length == 0 || Roles.Any(user.IsInRole);
}

/// <summary>The pages that exist, in the order the navigation shows them.</summary>
public static class SiteLinks
{
    public static readonly IReadOnlyList<SiteLink> All =
    [
        new("/board", "nav.board", "home.board", StaffRoles.Clerk, StaffRoles.Reviewer, StaffRoles.Coordinator, StaffRoles.Manager, StaffRoles.Admin),
        new("/coordinator", "nav.coordinator", "home.coordinator", StaffRoles.Coordinator),
        new("/stats", "nav.stats", "home.stats", StaffRoles.Manager, StaffRoles.Admin),
        new("/studio/", "nav.studio", "home.studio", StaffRoles.Designer, StaffRoles.Manager, StaffRoles.Admin),
        new("/guide", "nav.guide", "home.guide"),
        new("/apply", "nav.apply", "home.apply"),
        new("/track", "nav.track", "home.track"),
        new("/appointments", "nav.appointments", "home.appointments"),
        new("/appointments/today", "nav.appointmentsToday", "home.appointmentsToday", StaffRoles.Clerk, StaffRoles.Manager, StaffRoles.Admin),
        new("/appointments/slots", "nav.appointmentSlots", "home.appointmentSlots", StaffRoles.Admin),
        new("/admin/outbox", "nav.outbox", "home.outbox", StaffRoles.Admin),
        new("/consultations/new", "nav.consultation", "home.consultation", StaffRoles.Clerk),
        new("/admin/catalog", "nav.catalog", "home.catalog", StaffRoles.Admin),
        new("/admin/certificates", "nav.revoke", "home.revoke", StaffRoles.Admin),
        new("/admin/e-licences", "nav.eLicences", "home.eLicences", StaffRoles.Admin),
        new("/admin/coordinators", "nav.coordinators", "home.coordinators", StaffRoles.Admin),
    ];

    public static IEnumerable<SiteLink> For(ClaimsPrincipal user) => All.Where(link => link.IsFor(user));
}
