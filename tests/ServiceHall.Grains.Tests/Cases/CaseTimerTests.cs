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
    public async Task AcceptanceStartsTheSlaClockInWorkingDaysAndArmsItsReminder()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        Assert.Null(opened.Sla.DueAt);
        Assert.Equal("none", opened.Sla.State);
        Assert.Empty(await ReminderRowsAsync(grain));

        var before = DateTime.UtcNow;
        var accepted = await ActAsync(grain, Clerk, ActionNames.Accept);

        // Accepted on Saturday 1 March: the clock runs from Monday 00:00 for three full working days.
        Assert.Equal(3, accepted.Sla.TimeLimitDays);
        Assert.Equal(cluster.Clock.GetUtcNow(), accepted.Sla.StartedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)), accepted.Sla.DueAt);
        Assert.Equal("on-track", accepted.Sla.State);

        // One reminder wakes the case at its next threshold (50 %: Tuesday 12:00), scheduled on Orleans' own clock.
        var reminder = Assert.Single(await ReminderRowsAsync(grain));
        Assert.Equal(CaseTimers.SlaReminder, reminder.ReminderName);
        var untilHalfway = new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.FromHours(8)) - cluster.Clock.GetUtcNow();
        Assert.InRange(reminder.StartAt, before + untilHalfway - TimeSpan.FromSeconds(5), DateTime.UtcNow + untilHalfway + TimeSpan.FromSeconds(5));
        Assert.Equal(CaseTimers.RetryPeriod, reminder.Period);
    }

    [Fact]
    public async Task AClosedCaseUnregistersItsReminder()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await ActAsync(grain, Reviewer, ActionNames.Pass);
        Assert.Single(await ReminderRowsAsync(grain));

        var denied = await ActAsync(grain, Reviewer, ActionNames.Deny, new { reason = "不符合条件" });

        Assert.Equal(CaseStatuses.Denied, denied.Status);
        Assert.Empty(await ReminderRowsAsync(grain));
    }

    [Fact]
    public async Task AClosedCaseUnregistersItsReminderEvenWhenTheRowChangedSinceItRegisteredIt()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await ActAsync(grain, Reviewer, ActionNames.Pass);
        var registered = Assert.Single(await ReminderRowsAsync(grain));

        // Another copy of the case (a duplicate activation while a silo rejoined) armed it again: the handle the grain
        // kept from its own registration no longer matches the row.
        Assert.NotNull(await cluster.Reminders.UpsertRow(new ReminderEntry
        {
            GrainId = registered.GrainId, ReminderName = registered.ReminderName, StartAt = registered.StartAt, Period = registered.Period,
        }));
        Assert.NotEqual(registered.ETag, Assert.Single(await ReminderRowsAsync(grain)).ETag);

        var denied = await ActAsync(grain, Reviewer, ActionNames.Deny, new { reason = "不符合条件" });

        Assert.Equal(CaseStatuses.Denied, denied.Status);
        Assert.Empty(await ReminderRowsAsync(grain));
    }

    [Fact]
    public async Task ALostReminderIsRegisteredAgainWhenTheCaseIsNextActivated()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
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
