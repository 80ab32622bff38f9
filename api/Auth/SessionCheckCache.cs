using System.Collections.Concurrent;
using ServiceHall.Grains.SignIn;

namespace ServiceHall.Api.Auth;

/// <summary>
/// This silo's answers to "is this session signed out?", so a request costs no grain call while the answer is fresh.
/// Each sessions grain that answered tells this cache of a sign-out before acknowledging it (the cache watches it for
/// <see cref="IStaffSessionsGrain.WatchLifetime"/> after each question), so a session is refused here at once; a
/// fresh answer is never trusted longer than that lifetime, which bounds the one gap (a sessions grain restarted on
/// another silo no longer knows who watched it).
/// </summary>
public sealed class SessionCheckCache : IStaffSessionObserver
{
    // Trust an answer a little less long than the grain keeps telling us, so a sign-out can never fall in between.
    private static readonly TimeSpan Trust = IStaffSessionsGrain.WatchLifetime - TimeSpan.FromSeconds(1);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string User, string Session), DateTimeOffset> _notRevoked = new();

    // Sign-outs heard of, until their session would have ended; checked first, so an answer fetched just before a
    // sign-out and stored just after it cannot let the session through.
    private readonly ConcurrentDictionary<(string User, string Session), DateTimeOffset> _revoked = new();

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _wallClock;
    private IStaffSessionObserver? _reference;

    public SessionCheckCache(IGrainFactory grains, TimeProvider? wallClock = null)
    {
        _grains = grains;
        // The wall clock: how long an answer may be trusted is operational, not the business time a test clock moves.
        _wallClock = wallClock ?? TimeProvider.System;
    }

    /// <summary>True when the session is signed out; asks its sessions grain only when no fresh answer is held.</summary>
    public async Task<bool> IsRevokedAsync(string username, string sessionId)
    {
        var key = (IStaffSessionsGrain.Key(username), sessionId);
        var now = _wallClock.GetUtcNow();
        if (_revoked.ContainsKey(key))
        {
            return true;
        }

        if (_notRevoked.TryGetValue(key, out var trustedUntil) && trustedUntil > now)
        {
            return false;
        }

        // Created once, on a silo's own grain factory; kept here because Orleans holds observers only weakly.
        _reference ??= _grains.CreateObjectReference<IStaffSessionObserver>(this);
        var revoked = await _grains.GetGrain<IStaffSessionsGrain>(key.Item1).IsRevokedAsync(sessionId, _reference);
        if (revoked)
        {
            return true;
        }

        Prune(now);
        _notRevoked[key] = now + Trust;
        return _revoked.ContainsKey(key);
    }

    Task IStaffSessionObserver.SessionRevokedAsync(string username, string sessionId, DateTimeOffset sessionEnds)
    {
        Forget(username, sessionId, sessionEnds);
        return Task.CompletedTask;
    }

    /// <summary>A sign-out through this silo: refused here at once, whatever the grain's answer to others.</summary>
    public void Forget(string username, string sessionId, DateTimeOffset sessionEnds)
    {
        var key = (IStaffSessionsGrain.Key(username), sessionId);
        // Kept until the session would have ended on the wall clock at the latest; the token is refused after that anyway.
        _revoked[key] = sessionEnds;
        _notRevoked.TryRemove(key, out _);
    }

    private void Prune(DateTimeOffset now)
    {
        if (_notRevoked.Count > PruneAbove)
        {
            foreach (var (key, until) in _notRevoked)
            {
                if (until <= now)
                {
                    _notRevoked.TryRemove(key, out _);
                }
            }
        }

        if (_revoked.Count > PruneAbove)
        {
            foreach (var (key, ends) in _revoked)
            {
                if (ends <= now)
                {
                    _revoked.TryRemove(key, out _);
                }
            }
        }
    }
}
