using System.Security.Claims;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Auth;

/// <summary>The claims a staff token carries (role and scope from the staff directory) and the actor they make.</summary>
public static class StaffClaims
{
    public const string Hall = "hall";
    public const string Window = "window";
    public const string Department = "department";
    public const string District = "district";
    public const string Role = "role";
    public const string Name = "name";
    public const string Subject = "sub";

    public static CaseActor ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(Subject) ?? user.Identity?.Name ?? "unknown",
        user.FindFirstValue(Role) ?? "",
        user.FindFirstValue(Hall),
        user.FindFirstValue(Window),
        user.FindFirstValue(Department),
        user.FindFirstValue(District));
}
