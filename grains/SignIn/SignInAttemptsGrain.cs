using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.SignIn;

[GrainType("sign-in-attempts")]
internal sealed class SignInAttemptsGrain(
    [PersistentState("sign-in-attempts", StorageNames.GrainState)] IPersistentState<SignInAttemptsState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    IOptions<SignInLimitOptions> options) : Grain, ISignInAttemptsGrain
{
    private int MaxFailures => this.GetPrimaryKeyString().StartsWith("address:", StringComparison.Ordinal)
        ? options.Value.MaxFailuresPerAddress
        : options.Value.MaxFailuresPerUser;

    Task<TimeSpan?> ISignInAttemptsGrain.LockedForAsync() => Task.FromResult(LockedFor(clock.GetUtcNow()));

    async Task<TimeSpan?> ISignInAttemptsGrain.RecordFailureAsync()
    {
        var now = clock.GetUtcNow();
        if (LockedFor(now) is { } locked)
        {
            return locked;
        }

        var current = state.State;
        current.FailedAt.RemoveAll(at => at <= now - options.Value.FailureWindow);
        current.FailedAt.Add(now);
        TimeSpan? lockout = null;
        if (current.FailedAt.Count >= MaxFailures)
        {
            current.LockedUntil = now + options.Value.Lockout;
            current.FailedAt.Clear();
            lockout = options.Value.Lockout;
        }

        await state.WriteStateAsync();
        return lockout;
    }

    async Task ISignInAttemptsGrain.ResetAsync()
    {
        // Nothing to write on the common path: most sign-ins follow no failure.
        if (state.State.FailedAt.Count > 0)
        {
            state.State.FailedAt.Clear();
            await state.WriteStateAsync();
        }
    }

    private TimeSpan? LockedFor(DateTimeOffset now) =>
        state.State.LockedUntil is { } until && until > now ? until - now : null;
}

internal sealed class SignInAttemptsState : StoredObject
{
    /// <summary>Failures within the window, oldest first.</summary>
    public List<DateTimeOffset> FailedAt { get; set; } = [];

    public DateTimeOffset? LockedUntil { get; set; }
}
