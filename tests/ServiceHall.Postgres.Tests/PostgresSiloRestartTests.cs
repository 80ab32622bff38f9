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

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (snapshot.ReminderTicks == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
                snapshot = await again.GetAsync();
            }

            Assert.True(snapshot.ReminderTicks >= 1, "the reminder registered before the restart never fired after it (waited 60 s)");
            Assert.Equal(["受理", "补正"], snapshot.Entries);
            await again.CancelRemindersAsync();
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }
}
