using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServiceHall.Api.Auth;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// Issue 20: the staff scheme remembers a valid token's validation for a short while, keyed by the token's hash. What it
/// remembers must never outlive what the full validation would accept: not past the token's expiry, not under other
/// rules, never a refusal, and a host's own lifetime rule (the test clock's) is asked on every reuse.
/// </summary>
public sealed class CachingJsonWebTokenHandlerTests
{
    private const string Issuer = "servicehall-test";
    private const string Audience = "servicehall-test-api";
    private static readonly SymmetricSecurityKey Key = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task AValidTokenIsValidatedOnceThenAnsweredFromMemoryWithAnIdentityOfItsOwn()
    {
        var clock = new MovableClock();
        var handler = new CachingJsonWebTokenHandler(clock);
        var (parameters, validations) = Parameters();
        var token = Token(expiresIn: TimeSpan.FromMinutes(30));

        var first = await handler.ValidateTokenAsync(token, parameters);
        var second = await handler.ValidateTokenAsync(token, parameters.Clone());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, validations.Count);
        Assert.Equal("clerk", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal("clerk", second.ClaimsIdentity.Name);
        Assert.Equal(((JsonWebToken)first.SecurityToken).ValidTo, ((JsonWebToken)second.SecurityToken).ValidTo);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);

        // What one request adds to its principal does not reach the next one.
        second.ClaimsIdentity.AddClaim(new Claim("role", "admin"));
        var third = await handler.ValidateTokenAsync(token, parameters.Clone());
        Assert.DoesNotContain(third.ClaimsIdentity.Claims, claim => claim.Type == "role" && claim.Value == "admin");
    }

    [Fact]
    public async Task ARememberedAnswerEndsWithTheTokensExpiryPlusClockSkew()
    {
        var clock = new MovableClock();
        var handler = new CachingJsonWebTokenHandler(clock);
        var (parameters, validations) = Parameters(clockSkew: TimeSpan.FromSeconds(5));
        var token = Token(expiresIn: TimeSpan.FromSeconds(20));

        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        clock.Advance(TimeSpan.FromSeconds(24));
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.Equal(1, validations.Count);

        // Past expiry + skew on the handler's clock: validated in full again (the library's own clock still accepts it).
        clock.Advance(TimeSpan.FromSeconds(2));
        await handler.ValidateTokenAsync(token, parameters);
        Assert.Equal(2, validations.Count);
    }

    [Fact]
    public async Task ARememberedAnswerIsReusedAtMostAMinute()
    {
        var clock = new MovableClock();
        var handler = new CachingJsonWebTokenHandler(clock);
        var (parameters, validations) = Parameters();
        var token = Token(expiresIn: TimeSpan.FromHours(1));

        await handler.ValidateTokenAsync(token, parameters);
        clock.Advance(CachingJsonWebTokenHandler.MaxAge - TimeSpan.FromSeconds(1));
        await handler.ValidateTokenAsync(token, parameters);
        Assert.Equal(1, validations.Count);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.Equal(2, validations.Count);
    }

    [Fact]
    public async Task ARefusedTokenIsNeverRemembered()
    {
        var handler = new CachingJsonWebTokenHandler(new MovableClock());
        var (parameters, _) = Parameters();
        var forged = Token(expiresIn: TimeSpan.FromMinutes(30), key: new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));

        Assert.False((await handler.ValidateTokenAsync(forged, parameters)).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, parameters)).IsValid);
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task AnAnswerIsNotReusedUnderOtherRules()
    {
        var handler = new CachingJsonWebTokenHandler(new MovableClock());
        var (parameters, _) = Parameters();
        var token = Token(expiresIn: TimeSpan.FromMinutes(30));
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);

        var otherAudience = parameters.Clone();
        otherAudience.ValidAudience = "another-api";
        Assert.False((await handler.ValidateTokenAsync(token, otherAudience)).IsValid);

        var otherKey = parameters.Clone();
        otherKey.IssuerSigningKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        Assert.False((await handler.ValidateTokenAsync(token, otherKey)).IsValid);
    }

    [Fact]
    public async Task AHostsOwnLifetimeRuleIsAskedOnEveryReuse()
    {
        var handler = new CachingJsonWebTokenHandler(new MovableClock());
        var (parameters, _) = Parameters();
        var expired = false;
        parameters.LifetimeValidator = (_, _, _, _) => !expired;
        var token = Token(expiresIn: TimeSpan.FromMinutes(30));
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);

        // The test clock moved past the token's expiry: refused at once, as the full validation refuses it.
        expired = true;
        var refused = await handler.ValidateTokenAsync(token, parameters.Clone());
        Assert.False(refused.IsValid);
        Assert.IsType<SecurityTokenInvalidLifetimeException>(refused.Exception);
    }

    private static (TokenValidationParameters Parameters, Counter Validations) Parameters(TimeSpan? clockSkew = null)
    {
        // The issuer check runs only in a full validation: it counts them.
        var validations = new Counter();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = Key,
            NameClaimType = "sub",
            RoleClaimType = "role",
            ClockSkew = clockSkew ?? TimeSpan.FromMinutes(1),
            IssuerValidator = (issuer, _, _) =>
            {
                Interlocked.Increment(ref validations.Count);

                return issuer == Issuer ? issuer : throw new SecurityTokenInvalidIssuerException("wrong issuer");
            },
        };
        return (parameters, validations);
    }

    private static string Token(TimeSpan expiresIn, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "clerk", ["role"] = "clerk" },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + expiresIn,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private sealed class Counter
    {
        public int Count;
    }

    /// <summary>The handler's wall clock, moved by hand; the library's own lifetime check keeps the real one.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
