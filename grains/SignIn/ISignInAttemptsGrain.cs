namespace ServiceHall.Grains.SignIn;

/// <summary>
/// Failed sign-ins of one username or one client address (key: <see cref="ForUser"/> / <see cref="ForAddress"/>),
/// with a lockout once there are too many. One grain per key holds the count for the whole cluster, so spreading
/// guesses over silos buys nothing; the state is durable, so a restart does not reset a lockout either.
/// </summary>
[Alias("ServiceHall.Grains.SignIn.ISignInAttemptsGrain")]
public interface ISignInAttemptsGrain : IGrainWithStringKey
{
    /// <summary>How long sign-in stays refused, or null when it may be tried.</summary>
    [Alias("LockedForAsync")]
    Task<TimeSpan?> LockedForAsync();

    /// <summary>Counts a wrong password; returns how long sign-in is now refused, or null when it is not (yet).</summary>
    [Alias("RecordFailureAsync")]
    Task<TimeSpan?> RecordFailureAsync();

    /// <summary>A right password: the username's count starts again (an address's count is never cleared this way).</summary>
    [Alias("ResetAsync")]
    Task ResetAsync();

    public static string ForUser(string username) => "user:" + username.Trim().ToLowerInvariant();

    public static string ForAddress(string address) => "address:" + address;
}
