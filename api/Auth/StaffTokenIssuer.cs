using System.Security.Claims;
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
    IOptions<StaffTokenOptions> options,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(StaffAccount account)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var claims = new List<Claim>
        {
            new(StaffClaims.Subject, account.Username),
            new(StaffClaims.Name, account.DisplayName),
            new(StaffClaims.Role, account.Role),
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

    public static SymmetricSecurityKey SecurityKey(TokenSigningKey key) => new(key.Key) { KeyId = "servicehall" };

    private static void AddIfSet(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}
