using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace ServiceHall.Api.Auth;

/// <summary>
/// The account's security stamp: an HMAC, under the token-signing key, of the staff directory's account version
/// (name, role, scope, credential). Every silo computes the same stamp from the same directory, so a token signed in
/// before a change of role, scope or password — or for a removed account — is refused everywhere once the change is
/// deployed. Keyed, so a token's holder learns nothing about the password from it.
/// </summary>
public static class StaffStamp
{
    public static string For(TokenSigningKey key, string accountVersion) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes("stamp\n" + accountVersion))[..16]);

    public static bool Matches(TokenSigningKey key, string? accountVersion, string? stamp) =>
        accountVersion is not null && stamp is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(key, accountVersion)), Encoding.ASCII.GetBytes(stamp));
}
