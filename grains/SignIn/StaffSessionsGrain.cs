using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.SignIn;

[GrainType("staff-sessions")]
internal sealed class StaffSessionsGrain(
    [PersistentState("staff-sessions", StorageNames.GrainState)] IPersistentState<StaffSessionsState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock) : Grain, IStaffSessionsGrain
{
    Task<bool> IStaffSessionsGrain.IsRevokedAsync(string sessionId) =>
        Task.FromResult(state.State.Revoked.ContainsKey(sessionId ?? ""));

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
    }
}

internal sealed class StaffSessionsState : StoredObject
{
    /// <summary>Signed-out session ids and when each session would have ended.</summary>
    public Dictionary<string, DateTimeOffset> Revoked { get; set; } = [];
}
