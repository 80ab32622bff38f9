using Microsoft.AspNetCore.Http;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.SignIn;

namespace ServiceHall.Api.Auth;

/// <summary>
/// Checks a username and password with a brute-force brake shared by <c>POST /api/auth/token</c> and the
/// <c>/login</c> form: failed attempts are counted per username and per client address, and past the limit either one
/// is refused (429, <c>Retry-After</c>) without the password being looked at, until the lockout ends.
/// </summary>
public sealed class StaffSignIn(IGrainFactory grains, OrganisationDirectory directory)
{
    public async Task<SignInOutcome> CheckAsync(HttpContext context, string username, string password)
    {
        var user = grains.GetGrain<ISignInAttemptsGrain>(ISignInAttemptsGrain.ForUser(username));
        var address = grains.GetGrain<ISignInAttemptsGrain>(ISignInAttemptsGrain.ForAddress(ClientAddress(context)));
        var lockedFor = Longest(await address.LockedForAsync(), await user.LockedForAsync());
        if (lockedFor is not null)
        {
            return SignInOutcome.Throttled(lockedFor.Value);
        }

        var account = directory.FindStaff(username.Trim());
        if (account is not null && directory.CheckPassword(account.Username, password))
        {
            await user.ResetAsync();
            return SignInOutcome.Success(account);
        }

        lockedFor = Longest(await address.RecordFailureAsync(), await user.RecordFailureAsync());
        return lockedFor is null ? SignInOutcome.Refused : SignInOutcome.Throttled(lockedFor.Value);
    }

    /// <summary>The <c>Retry-After</c> value: whole seconds, rounded up, at least one.</summary>
    public static string RetryAfter(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Behind the chart's Ingress the forwarded-headers middleware has already put the client's address here.
    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

public sealed record SignInOutcome(StaffAccount? Account, TimeSpan? RetryAfter)
{
    public static readonly SignInOutcome Refused = new(null, null);

    public static SignInOutcome Success(StaffAccount account) => new(account, null);

    public static SignInOutcome Throttled(TimeSpan wait) => new(null, wait);
}
