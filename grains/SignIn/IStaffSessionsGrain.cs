using Orleans.Concurrency;

namespace ServiceHall.Grains.SignIn;

/// <summary>
/// The signed-out sessions of one staff member (key: <see cref="Key"/>). A token names its session; every request's
/// token is checked here, so signing out ends the session on every silo at once, tokens renewed from it included.
/// </summary>
[Alias("ServiceHall.Grains.SignIn.IStaffSessionsGrain")]
public interface IStaffSessionsGrain : IGrainWithStringKey
{
    [Alias("IsRevokedAsync"), ReadOnly]
    Task<bool> IsRevokedAsync(string sessionId);

    /// <summary>Ends a session; it is remembered until <paramref name="sessionEnds"/>, after which its tokens expire anyway.</summary>
    [Alias("RevokeAsync")]
    Task RevokeAsync(string sessionId, DateTimeOffset sessionEnds);

    public static string Key(string username) => username.Trim().ToLowerInvariant();
}
