namespace ServiceHall.Grains.SignIn;

/// <summary>
/// A silo's cache of session checks, told by a staff member's sessions grain when one of the sessions it asked about
/// is signed out, so that silo refuses the session's tokens at once without asking on every request.
/// </summary>
[Alias("ServiceHall.Grains.SignIn.IStaffSessionObserver")]
public interface IStaffSessionObserver : IGrainObserver
{
    [Alias("SessionRevokedAsync")]
    Task SessionRevokedAsync(string username, string sessionId, DateTimeOffset sessionEnds);
}
