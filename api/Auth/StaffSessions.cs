using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.SignIn;
using ServiceHall.Grains.Time;

namespace ServiceHall.Api.Auth;

/// <summary>
/// What makes a signed token still good: its account still exists unchanged (<see cref="StaffStamp"/>), its session is
/// within its absolute lifetime, and it was not signed out. Checked on every request (and hub connection) after the
/// signature and expiry, so revocation holds on every silo without waiting for the token to expire. The signed-out
/// check is answered from this silo's <see cref="SessionCheckCache"/>, which sign-outs reach before they are acknowledged.
/// </summary>
public sealed class StaffSessions(
    IGrainFactory grains,
    SessionCheckCache checks,
    OrganisationDirectory directory,
    TokenSigningKey key,
    StaffTokenIssuer issuer,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock)
{
    public async Task ValidateAsync(TokenValidatedContext context)
    {
        var refusal = await RefusalAsync(context.Principal);
        if (refusal is not null)
        {
            context.Fail(refusal);
            return;
        }

        // SignalR closes a connection at the ticket's expiry (CloseOnAuthenticationExpiration), measured on the wall
        // clock; the token's own times are on ServiceHall's clock (a test clock may run elsewhere), so translate.
        var session = context.Principal!.Session()!;
        var tokenEnds = context.SecurityToken is JsonWebToken jwt ? new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) : issuer.SessionEnds(session);
        var ends = tokenEnds < issuer.SessionEnds(session) ? tokenEnds : issuer.SessionEnds(session);
        context.Properties.ExpiresUtc = DateTimeOffset.UtcNow + (ends - clock.GetUtcNow());
    }

    /// <summary>Signs the session out on every silo; its tokens, renewed ones included, are refused from now on.</summary>
    public async Task RevokeAsync(StaffSession session)
    {
        await grains.GetGrain<IStaffSessionsGrain>(IStaffSessionsGrain.Key(session.Username)).RevokeAsync(session.Id, issuer.SessionEnds(session));
        checks.Forget(session.Username, session.Id, issuer.SessionEnds(session));
    }

    private async Task<string?> RefusalAsync(ClaimsPrincipal? principal)
    {
        if (principal?.Session() is not { } session)
        {
            return "The token names no session; sign in again.";
        }

        if (!StaffStamp.Matches(key, directory.AccountVersion(session.Username), principal.FindFirst(StaffClaims.Stamp)?.Value))
        {
            return "The staff account changed since this sign-in; sign in again.";
        }

        if (issuer.SessionEnds(session) <= clock.GetUtcNow())
        {
            return "The sign-in has reached its session lifetime; sign in again.";
        }

        var revoked = await checks.IsRevokedAsync(session.Username, session.Id);
        return revoked ? "This session was signed out; sign in again." : null;
    }
}
