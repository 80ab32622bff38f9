using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.SignIn;

[GrainType("staff-sessions")]
internal sealed class StaffSessionsGrain(
    [PersistentState("staff-sessions", StorageNames.GrainState)] IPersistentState<StaffSessionsState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    ILogger<StaffSessionsGrain> logger) : Grain, IStaffSessionsGrain
{
    // The silos' caches that asked lately, and until when (wall clock: how long a cache may trust an answer is an
    // operational bound, not business time that a test clock moves). Kept in memory only: see WatchLifetime.
    private readonly Dictionary<IStaffSessionObserver, DateTimeOffset> _watchers = [];

    Task<bool> IStaffSessionsGrain.IsRevokedAsync(string sessionId) =>
        Task.FromResult(state.State.Revoked.ContainsKey(sessionId ?? ""));

    Task<bool> IStaffSessionsGrain.IsRevokedAsync(string sessionId, IStaffSessionObserver watcher)
    {
        _watchers[watcher] = TimeProvider.System.GetUtcNow() + IStaffSessionsGrain.WatchLifetime;
        return Task.FromResult(state.State.Revoked.ContainsKey(sessionId ?? ""));
    }

    async Task IStaffSessionsGrain.RevokeAsync(string sessionId, DateTimeOffset sessionEnds)
    {
        var now = clock.GetUtcNow();
        var revoked = state.State.Revoked;
        // Sessions past their absolute end need no entry: their tokens no longer validate. This keeps the row small.
        foreach (var ended in revoked.Where(entry => entry.Value <= now).Select(entry => entry.Key).ToList())
        {
            revoked.Remove(ended);
        }

        if (sessionEnds > now)
        {
            revoked[sessionId] = sessionEnds;
        }

        await state.WriteStateAsync();
        await TellWatchersAsync(sessionId, sessionEnds);
    }

    /// <summary>Every silo that may hold a "not signed out" answer hears of the revocation before it is acknowledged.</summary>
    private async Task TellWatchersAsync(string sessionId, DateTimeOffset sessionEnds)
    {
        var wallNow = TimeProvider.System.GetUtcNow();
        foreach (var expired in _watchers.Where(w => w.Value <= wallNow).Select(w => w.Key).ToList())
        {
            _watchers.Remove(expired);
        }

        var username = this.GetPrimaryKeyString();
        await Task.WhenAll(_watchers.Keys.ToList().Select(async watcher =>
        {
            try
            {
                await watcher.SessionRevokedAsync(username, sessionId, sessionEnds);
            }
            catch (Exception exception)
            {
                // A silo that cannot be reached is gone or going; its cache goes with it.
                _watchers.Remove(watcher);
                logger.LogWarning(exception, "A silo's session cache could not be told of a sign-out");
            }
        }));
    }
}

internal sealed class StaffSessionsState : StoredObject
{
    /// <summary>Signed-out session ids and when each session would have ended.</summary>
    public Dictionary<string, DateTimeOffset> Revoked { get; set; } = [];
}
