namespace ServiceHall.Grains.SignIn;

/// <summary>
/// <c>ServiceHall:SignInLimit</c>: how many wrong passwords a username, and a client address, may send before sign-in
/// is refused for a while. Only failures count, and a successful sign-in clears the username's count, so staff who
/// sign in often from one address are never held up by their own successes.
/// </summary>
public sealed class SignInLimitOptions
{
    public const string SectionName = "ServiceHall:SignInLimit";

    /// <summary>Wrong passwords for one username within <see cref="FailureWindow"/> before it is locked.</summary>
    public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary>
    /// Wrong passwords from one client address (any usernames) within <see cref="FailureWindow"/> before it is locked;
    /// higher than the per-user limit, since a hall's counters may share one address behind its router.
    /// </summary>
    public int MaxFailuresPerAddress { get; set; } = 50;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
}
