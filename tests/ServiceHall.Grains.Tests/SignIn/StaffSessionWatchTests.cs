using ServiceHall.Grains.Tests.Cases;
using ServiceHall.Grains.SignIn;

namespace ServiceHall.Grains.Tests.SignIn;

/// <summary>
/// Silos cache "not signed out" answers (issue 20: no grain call per request); that holds only if every silo that asked
/// hears of a sign-out before the sign-out is acknowledged.
/// </summary>
public sealed class StaffSessionWatchTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task EverySiloCacheThatAskedIsToldOfASignOutBeforeItIsAcknowledged()
    {
        var user = $"clerk-{Guid.NewGuid():N}";
        var sessions = cluster.Cluster.Client.GetGrain<IStaffSessionsGrain>(IStaffSessionsGrain.Key(user));
        var (asked, other) = (new RecordingCache(), new RecordingCache());
        var askedRef = cluster.Cluster.Client.CreateObjectReference<IStaffSessionObserver>(asked);
        var otherRef = cluster.Cluster.Client.CreateObjectReference<IStaffSessionObserver>(other);
        var ends = cluster.Clock.GetUtcNow().AddHours(2);

        Assert.False(await sessions.IsRevokedAsync("s1", askedRef));
        Assert.False(await sessions.IsRevokedAsync("s2", otherRef));
        await sessions.RevokeAsync("s1", ends);

        // Told before RevokeAsync returned: nothing to wait for.
        Assert.Equal([(IStaffSessionsGrain.Key(user), "s1", ends)], asked.Heard);
        Assert.Equal([(IStaffSessionsGrain.Key(user), "s1", ends)], other.Heard);
        Assert.True(await sessions.IsRevokedAsync("s1", askedRef));
        Assert.False(await sessions.IsRevokedAsync("s2"));
    }

    private sealed class RecordingCache : IStaffSessionObserver
    {
        public List<(string User, string Session, DateTimeOffset Ends)> Heard { get; } = [];

        public Task SessionRevokedAsync(string username, string sessionId, DateTimeOffset sessionEnds)
        {
            lock (Heard)
            {
                Heard.Add((username, sessionId, sessionEnds));
            }

            return Task.CompletedTask;
        }
    }
}
