using ServiceHall.TestSupport;
using ServiceHall.TestSupport.Grains;

namespace ServiceHall.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSiloRestartTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task GrainStateAndAReminderSurviveASiloRestart()
    {
        // The silo migrates an empty database itself on start, as in production.
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var serviceId = "sh-restart-" + Guid.NewGuid().ToString("N")[..6];
        var clusterId = serviceId + "-cluster";

        var silo = await PostgresSilo.StartAsync(connectionString, serviceId, clusterId);
        var probe = silo.Grains.GetGrain<IStateProbeGrain>("case-restart");
        await probe.AppendAsync("受理");
        await probe.AppendAsync("补正");
        await probe.ScheduleReminderAsync("sla", dueTime: TimeSpan.FromSeconds(4), period: TimeSpan.FromMinutes(10));
        await silo.DisposeAsync();

        var restarted = await PostgresSilo.StartAsync(connectionString, serviceId, clusterId);
        try
        {
            var again = restarted.Grains.GetGrain<IStateProbeGrain>("case-restart");
            var snapshot = await again.GetAsync();
            Assert.Equal(["受理", "补正"], snapshot.Entries);
            Assert.Equal("2", snapshot.ETag);

            // Fails with a TimeoutException when the reminder registered before the restart never fires after it.
            snapshot = await Eventually.UntilAsync(
                again.GetAsync, probe => probe.ReminderTicks >= 1, "the reminder firing after the restart", TimeSpan.FromSeconds(60));
            Assert.Equal(["受理", "补正"], snapshot.Entries);
            await again.CancelRemindersAsync();
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }
}
