using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ServiceHall.Api.Auth;

/// <summary>
/// The JWT handler of the staff scheme, remembering for a short while which tokens it found valid, so a client sending
/// the same token request after request does not have it parsed, its signature computed and its claims built each time
/// (issue 20: 3-6 % of the silo's CPU per HTTP command). Only what cannot change while the token lives is remembered:
/// signature, issuer and audience under equal validation rules; the expiry is checked again on every hit (with
/// the same clock skew, on the wall clock the validation reads, and by a host's own lifetime rule when it has one), and the checks that can change — account stamp, session lifetime,
/// sign-out — still run on every request in <see cref="StaffSessions"/>. Entries are keyed by the token's SHA-256 (the
/// bearer secret itself is not kept), refused tokens are never remembered.
/// </summary>
public sealed class CachingJsonWebTokenHandler : JsonWebTokenHandler
{
    /// <summary>How long a validation is reused at most, whatever the token's own lifetime.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<TokenDigest, Entry> _valid = new();

    private readonly TimeProvider _wallClock;

    public CachingJsonWebTokenHandler(TimeProvider? wallClock = null)
    {
        _wallClock = wallClock ?? TimeProvider.System;
        // The scheme keeps the claims as issued (sub, role, ...), as JwtBearerOptions.MapInboundClaims = false does.
        MapInboundClaims = false;
    }

    /// <summary>Tokens currently remembered (tests).</summary>
    internal int Count => _valid.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var key = TokenDigest.Of(token);
        // The wall clock, as the library's own lifetime check reads it (a host's own rule is asked below).
        var now = _wallClock.GetUtcNow();
        if (_valid.TryGetValue(key, out var known)
            && known.Rules == Rules.Of(validationParameters)
            && now < known.GoodUntil
            && StillInLifetime(known.Token, validationParameters))
        {
            return known.Answer();
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && jwt.ValidTo > DateTime.MinValue
            && result.ClaimsIdentity is { } identity)
        {
            // Valid exactly as long as the lifetime check would pass (expiry plus clock skew), and no longer than MaxAge.
            var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew;
            var until = expires < now + MaxAge ? expires : now + MaxAge;
            Prune(now);
            _valid[key] = new Entry(Rules.Of(validationParameters), jwt, identity.Clone(), result.Issuer, until);
        }

        return result;
    }

    /// <summary>
    /// A host's own lifetime rule (the test clock checks tokens against ServiceHall's clock, not the wall) is asked again
    /// on every hit, as the full validation would; a refusal goes through the full validation and its error.
    /// </summary>
    private static bool StillInLifetime(JsonWebToken jwt, TokenValidationParameters parameters) =>
        !parameters.ValidateLifetime
        || parameters.LifetimeValidator is not { } rule
        || rule(jwt.ValidFrom == DateTime.MinValue ? null : jwt.ValidFrom, jwt.ValidTo == DateTime.MinValue ? null : jwt.ValidTo, jwt, parameters);

    private void Prune(DateTimeOffset now)
    {
        if (_valid.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (key, entry) in _valid)
        {
            if (entry.GoodUntil <= now)
            {
                _valid.TryRemove(key, out _);
            }
        }

        if (_valid.Count > PruneAbove)
        {
            _valid.Clear();
        }
    }

    private sealed record Entry(
        Rules Rules, JsonWebToken Token, ClaimsIdentity Identity, string? Issuer, DateTimeOffset GoodUntil)
    {
        // Each request gets an identity of its own, so nothing one request does to its principal reaches another.
        public TokenValidationResult Answer() => new()
        {
            IsValid = true,
            SecurityToken = Token,
            ClaimsIdentity = Identity.Clone(),
            Issuer = Issuer,
            TokenType = Token.Typ,
        };
    }

    /// <summary>
    /// What decided a token's validity: the scheme hands every request its own copy of the parameters (JwtBearerHandler
    /// clones them), so a remembered answer is reused only under equal rules — same keys, issuer, audience, checks and
    /// lifetime rule (a reloaded configuration brings other values, so nothing remembered is reused under it).
    /// </summary>
    private readonly record struct Rules(
        SecurityKey? Key, object? Keys, string? Issuer, object? Issuers, string? Audience, object? Audiences,
        bool ValidateIssuer, bool ValidateAudience, bool ValidateLifetime, bool ValidateSigningKey, bool RequireSignedTokens,
        bool RequireExpirationTime, TimeSpan ClockSkew, Delegate? LifetimeValidator, Delegate? SignatureValidator,
        Delegate? IssuerValidator, Delegate? AudienceValidator, Delegate? KeyResolver, object? ValidTypes, object? ValidAlgorithms)
    {
        public static Rules Of(TokenValidationParameters p) => new(
            p.IssuerSigningKey, p.IssuerSigningKeys, p.ValidIssuer, p.ValidIssuers, p.ValidAudience, p.ValidAudiences,
            p.ValidateIssuer, p.ValidateAudience, p.ValidateLifetime, p.ValidateIssuerSigningKey, p.RequireSignedTokens,
            p.RequireExpirationTime, p.ClockSkew, p.LifetimeValidator, p.SignatureValidator,
            p.IssuerValidator, p.AudienceValidator, p.IssuerSigningKeyResolver, p.ValidTypes, p.ValidAlgorithms);
    }

    private readonly record struct TokenDigest(UInt128 First, UInt128 Second)
    {
        public static TokenDigest Of(string token)
        {
            Span<byte> hash = stackalloc byte[32];
            var length = Encoding.UTF8.GetMaxByteCount(token.Length);
            var rented = length <= 2048 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            try
            {
                Span<byte> utf8 = rented is null ? stackalloc byte[2048] : rented;
                var written = Encoding.UTF8.GetBytes(token, utf8);
                SHA256.HashData(utf8[..written], hash);
            }
            finally
            {
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                }
            }

            return new TokenDigest(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]));
        }
    }
}
