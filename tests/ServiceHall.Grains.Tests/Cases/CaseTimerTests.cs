using Orleans.Runtime;
using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// The SLA clock: its due time comes from the fake ServiceHall clock, its reminder from the silo's durable table.
/// Firing it would take real time (reminders run on Orleans' own clock), so these tests stop at what is registered.
/// </summary>
public sealed class CaseTimerTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task OpeningStartsTheSlaClockInWorkingDaysAndRegistersItsReminder()
    {
        var grain = cluster.NewCase();
        var before = DateTime.UtcNow;

        var opened = await OpenAsync(grain);

        // Opened on Saturday 1 March: three working days end on Wednesday 5 March at 17:30 hall time.
        Assert.Equal(3, opened.Sla.TimeLimitDays);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 17, 30, 0, TimeSpan.FromHours(8)), opened.Sla.DueAt);
        Assert.Equal(cluster.Clock.GetUtcNow(), opened.OpenedAt);

        // The workflow's SLA timer runs three calendar days from the fake "now"; Orleans schedules it on its own clock.
        var reminder = Assert.Single(await ReminderRowsAsync(grain));
        Assert.StartsWith(CaseTimers.Prefix, reminder.ReminderName);
        Assert.InRange(reminder.StartAt, before + TimeSpan.FromDays(3), DateTime.UtcNow + TimeSpan.FromDays(3));
        Assert.Equal(CaseTimers.RetryPeriod, reminder.Period);
    }

    [Fact]
    public async Task AClosedCaseUnregistersItsReminder()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        Assert.Single(await ReminderRowsAsync(grain));

        var rejected = await ActAsync(grain, Clerk, ActionNames.Reject, new { reason = "不属于本厅受理范围" });

        Assert.Equal(CaseStatuses.Rejected, rejected.Status);
        Assert.Empty(await ReminderRowsAsync(grain));
    }

    [Fact]
    public async Task ALostReminderIsRegisteredAgainWhenTheCaseIsNextActivated()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var registered = Assert.Single(await ReminderRowsAsync(grain));

        // The state write succeeded but the silo died before the reminder was registered: the row is missing.
        Assert.True(await cluster.Reminders.RemoveRow(grain.GetGrainId(), registered.ReminderName, registered.ETag!));
        await cluster.Cluster.DeactivateAsync(grain);
        await GetAsync(grain);

        Assert.Equal(registered.ReminderName, Assert.Single(await ReminderRowsAsync(grain)).ReminderName);
    }

    private async Task<IList<ReminderEntry>> ReminderRowsAsync(ICaseGrain grain) =>
        (await cluster.Reminders.ReadRows(grain.GetGrainId())).Reminders;
}
