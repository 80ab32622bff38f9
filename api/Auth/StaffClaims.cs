using System.Globalization;
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

    /// <summary>The sign-in this token belongs to; renewed tokens keep it, signing out revokes it.</summary>
    public const string SessionId = "sid";

    /// <summary>When the sign-in happened (seconds since 1970, as OpenID Connect's claim).</summary>
    public const string AuthTime = "auth_time";

    /// <summary>The account's version when signed in (see <see cref="StaffStamp"/>); a staff change invalidates it.</summary>
    public const string Stamp = "stamp";

    /// <summary>
    /// The actor of every request: one pass over the claims, each field taking the first claim of its type (compared
    /// ignoring case, as <see cref="ClaimsPrincipal.FindFirst(string)"/> does), instead of one search with its own
    /// predicate and iterators per field.
    /// </summary>
    public static CaseActor ToActor(this ClaimsPrincipal user)
    {
        string? subject = null, role = null, hall = null, window = null, department = null, district = null;
        foreach (var claim in user.Claims)
        {
            var type = claim.Type;
            if (subject is null && type.Equals(Subject, StringComparison.OrdinalIgnoreCase))
            {
                subject = claim.Value;
            }
            else if (role is null && type.Equals(Role, StringComparison.OrdinalIgnoreCase))
            {
                role = claim.Value;
            }
            else if (hall is null && type.Equals(Hall, StringComparison.OrdinalIgnoreCase))
            {
                hall = claim.Value;
            }
            else if (window is null && type.Equals(Window, StringComparison.OrdinalIgnoreCase))
            {
                window = claim.Value;
            }
            else if (department is null && type.Equals(Department, StringComparison.OrdinalIgnoreCase))
            {
                department = claim.Value;
            }
            else if (district is null && type.Equals(District, StringComparison.OrdinalIgnoreCase))
            {
                district = claim.Value;
            }
        }

        return new CaseActor(subject ?? user.Identity?.Name ?? "unknown", role ?? "", hall, window, department, district);
    }

    /// <summary>The session a validated token belongs to, or null for a token without one.</summary>
    public static StaffSession? Session(this ClaimsPrincipal user)
    {
        // One pass, first claim of each type ignoring case (as FindFirstValue): this runs on every request.
        string? username = null, id = null, authTime = null;
        foreach (var claim in user.Claims)
        {
            var type = claim.Type;
            if (username is null && type.Equals(Subject, StringComparison.OrdinalIgnoreCase))
            {
                username = claim.Value;
            }
            else if (id is null && type.Equals(SessionId, StringComparison.OrdinalIgnoreCase))
            {
                id = claim.Value;
            }
            else if (authTime is null && type.Equals(AuthTime, StringComparison.OrdinalIgnoreCase))
            {
                authTime = claim.Value;
            }
        }

        return username is { Length: > 0 } && id is { Length: > 0 }
            && long.TryParse(authTime, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? new StaffSession(username, id, DateTimeOffset.FromUnixTimeSeconds(seconds))
                : null;
    }
}

/// <summary>One sign-in: who, which session, when it began.</summary>
public sealed record StaffSession(string Username, string Id, DateTimeOffset StartedAt);
