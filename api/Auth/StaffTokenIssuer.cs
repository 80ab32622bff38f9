using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;

namespace ServiceHall.Api.Auth;

/// <summary>Signs staff tokens (HMAC-SHA256 with the shared key, so every silo accepts every other's).</summary>
public sealed class StaffTokenIssuer(
    TokenSigningKey key,
    OrganisationDirectory directory,
    IOptions<StaffTokenOptions> options,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A new sign-in: a new session, starting now, and a token for <see cref="StaffTokenOptions.TokenLifetime"/>.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(StaffAccount account) => Issue(account, options.Value.TokenLifetime);

    /// <summary>
    /// A new sign-in for the pages' HttpOnly cookie, whose token lasts the whole session: it is what renews the studio's
    /// shorter tokens, and it is revoked on sign-out like any other.
    /// </summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueForWebSession(StaffAccount account) => Issue(account, options.Value.SessionLifetime);

    /// <summary>A fresh token for an existing session; it never outlasts the session.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Renew(StaffAccount account, StaffSession session) =>
        Issue(account, session, clock.GetUtcNow(), options.Value.TokenLifetime);

    private (string Token, DateTimeOffset ExpiresAt) Issue(StaffAccount account, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        var session = new StaffSession(account.Username, Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()));
        return Issue(account, session, now, lifetime);
    }

    /// <summary>When a session ends at the latest, renewals included.</summary>
    public DateTimeOffset SessionEnds(StaffSession session) => session.StartedAt + options.Value.SessionLifetime;

    public static SymmetricSecurityKey SecurityKey(TokenSigningKey key) => new(key.Key) { KeyId = "servicehall" };

    private (string Token, DateTimeOffset ExpiresAt) Issue(StaffAccount account, StaffSession session, DateTimeOffset now, TimeSpan lifetime)
    {
        var expires = Min(now + lifetime, SessionEnds(session));
        var claims = new List<Claim>
        {
            new(StaffClaims.Subject, account.Username),
            new(StaffClaims.Name, account.DisplayName),
            new(StaffClaims.Role, account.Role),
            new(StaffClaims.SessionId, session.Id),
            new(StaffClaims.AuthTime, session.StartedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
            new(StaffClaims.Stamp, StaffStamp.For(key, directory.AccountVersion(account.Username) ?? "")),
        };
        AddIfSet(claims, StaffClaims.Hall, account.Hall);
        AddIfSet(claims, StaffClaims.Window, account.Window);
        AddIfSet(claims, StaffClaims.Department, account.Department);
        AddIfSet(claims, StaffClaims.District, account.District);

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = StaffTokenOptions.Issuer,
            Audience = StaffTokenOptions.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void AddIfSet(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}
