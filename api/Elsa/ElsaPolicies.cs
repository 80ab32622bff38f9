using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Auth;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Elsa;

/// <summary>Who may use the Elsa API: designers and admins edit workflows, managers look at them read-only.</summary>
public static class ElsaPolicies
{
    public const string Editors = "workflow-editors";
    public const string Readers = "workflow-readers";

    public static IServiceCollection AddElsaPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Editors, policy => policy.RequireRole(StaffRoles.Designer, StaffRoles.Admin))
            .AddPolicy(Readers, policy => policy.RequireRole(StaffRoles.Designer, StaffRoles.Admin, StaffRoles.Manager));
        return services;
    }

    /// <summary>
    /// Whether this reader may also edit. The studio reads no claims: it shows a definition read-only when the response
    /// has no <c>publish</c> link (and the list when it has no <c>bulk-publish</c> link), so links follow this answer.
    /// </summary>
    public static bool CanEdit(this ClaimsPrincipal user) =>
        user.FindFirstValue(StaffClaims.Role) is StaffRoles.Designer or StaffRoles.Admin;
}
