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

    /// <summary>
    /// Whether the session is signed out; if not, <paramref name="watcher"/> is told when it is, for as long as
    /// <see cref="WatchLifetime"/> after this call, before <see cref="RevokeAsync"/> returns.
    /// </summary>
    [Alias("IsRevokedAndWatchAsync"), ReadOnly]
    Task<bool> IsRevokedAsync(string sessionId, IStaffSessionObserver watcher);

    /// <summary>Ends a session; it is remembered until <paramref name="sessionEnds"/>, after which its tokens expire anyway.</summary>
    [Alias("RevokeAsync")]
    Task RevokeAsync(string sessionId, DateTimeOffset sessionEnds);

    public static string Key(string username) => username.Trim().ToLowerInvariant();

    /// <summary>
    /// How long a silo may trust an answer without asking again. Revocations reach watchers at once; this bounds the
    /// only gap, a sessions grain restarted elsewhere (its silo died) that no longer knows who watched it.
    /// </summary>
    public static readonly TimeSpan WatchLifetime = TimeSpan.FromSeconds(10);
}
