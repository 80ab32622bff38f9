using ServiceHall.TestSupport;
using ServiceHall.TestSupport.Grains;

namespace ServiceHall.Grains.Tests;

public sealed class EmbeddedSiloRestartTests : IDisposable
{
    private readonly EmbeddedClusterFactory _clusters = new();

    public void Dispose() => _clusters.Dispose();

    [Fact]
    public async Task StateSurvivesDeactivationAndAFullSiloRestart()
    {
        var cluster = await _clusters.StartAsync();
        var probe = cluster.Client.GetGrain<IStateProbeGrain>("probe-restart");
        await probe.AppendAsync("受理");
        await probe.AppendAsync("审查");

        await cluster.DeactivateAsync(probe);
        var afterDeactivation = await probe.GetAsync();
        Assert.Equal(["受理", "审查"], afterDeactivation.Entries);
        Assert.Equal("2", afterDeactivation.ETag);

        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();

        var restarted = await _clusters.StartAsync();
        try
        {
            var again = restarted.Client.GetGrain<IStateProbeGrain>("probe-restart");
            var snapshot = await again.GetAsync();
            Assert.Equal(["受理", "审查"], snapshot.Entries);
            Assert.Equal("2", snapshot.ETag);

            var next = await again.AppendAsync("发证");
            Assert.Equal("3", next.ETag);
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task AReminderRegisteredBeforeARestartFiresAfterIt()
    {
        var cluster = await _clusters.StartAsync();
        var probe = cluster.Client.GetGrain<IStateProbeGrain>("probe-reminder");
        await probe.ScheduleReminderAsync("sla", dueTime: TimeSpan.FromSeconds(4), period: TimeSpan.FromMinutes(10));
        Assert.Equal(0, (await probe.GetAsync()).ReminderTicks);
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();

        var restarted = await _clusters.StartAsync();
        try
        {
            var again = restarted.Client.GetGrain<IStateProbeGrain>("probe-reminder");
            // Fails with a TimeoutException when the reminder registered before the restart never fires after it.
            await Eventually.UntilAsync(
                async () => (await again.GetAsync()).ReminderTicks, ticks => ticks >= 1, "the reminder firing after the restart", TimeSpan.FromSeconds(60));
            await again.CancelRemindersAsync();
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }
}
