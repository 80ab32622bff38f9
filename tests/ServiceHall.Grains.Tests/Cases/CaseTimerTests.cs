using Orleans.Runtime;
using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// The SLA clock: its due time comes from the fake ServiceHall clock; when it next reaches a threshold is written on the
/// case's board row, where the SLA sweep finds it. No case keeps a reminder of its own for it any more; one of an
/// earlier release is retired once the case's wake time is stored. None of these moves the clock: the fixture's
/// starts on Saturday 1 March 2025 (the sweep itself is tested with the clock's other tests, <see cref="CaseSlaTests"/>).
/// </summary>
public sealed class CaseTimerTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task AcceptanceStartsTheSlaClockInWorkingDaysAndWritesItsWakeTimeWithTheCase()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        Assert.Null(opened.Sla.DueAt);
        Assert.Equal("none", opened.Sla.State);
        Assert.Null(await WakeAtAsync(grain));

        var accepted = await ActAsync(grain, Clerk, ActionNames.Accept);

        // Accepted on Saturday 1 March: the clock runs from Monday 00:00 for three full working days.
        Assert.Equal(3, accepted.Sla.TimeLimitDays);
        Assert.Equal(cluster.Clock.GetUtcNow(), accepted.Sla.StartedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 6, 0, 0, 0, China), accepted.Sla.DueAt);
        Assert.Equal("on-track", accepted.Sla.State);

        // The next threshold (50 %: Tuesday 12:00) is on the board row, in the case's own write; no reminder is kept.
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 12, 0, 0, China), await WakeAtAsync(grain));
        Assert.Empty(await ReminderRowsAsync(grain));
    }

    [Fact]
    public async Task AClosedCaseLeavesTheSweep()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await ActAsync(grain, Reviewer, ActionNames.Pass);
        Assert.NotNull(await WakeAtAsync(grain));

        var denied = await ActAsync(grain, Reviewer, ActionNames.Deny, new { reason = "不符合条件" });

        Assert.Equal(CaseStatuses.Denied, denied.Status);
        Assert.Null(await WakeAtAsync(grain));
    }

    [Fact]
    public async Task AReminderOfAnEarlierReleaseIsRetiredOnceTheCaseHasItsWakeTime()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var accepted = await ActAsync(grain, Clerk, ActionNames.Accept);
        await cluster.Cluster.DeactivateAsync(grain);

        // As the release before the sweep left an open case: a reminder of its own, no wake time in its head or row.
        Assert.NotNull(await cluster.Reminders.UpsertRow(new ReminderEntry
        {
            GrainId = grain.GetGrainId(), ReminderName = CaseTimers.SlaReminder, StartAt = DateTime.UtcNow.AddDays(2), Period = CaseTimers.RetryPeriod,
        }));
        await ExecuteAsync(
            $"UPDATE case_head SET head = json_remove(head, '$.slaWakeAt') WHERE case_id = '{grain.GetPrimaryKeyString()}';" +
            $"UPDATE case_summary SET sla_wake_at = NULL WHERE case_id = '{grain.GetPrimaryKeyString()}';");
        Assert.Equal((accepted.Version, (DateTimeOffset?)null), await StoredAsync(grain));

        // Its next activation sets the wake time on its row, then removes the reminder; reading it makes no new version.
        var read = await GetAsync(grain);

        Assert.Equal(accepted.Version, read.Version);
        Assert.Equal((accepted.Version, (DateTimeOffset?)new DateTimeOffset(2025, 3, 4, 12, 0, 0, China)), await StoredAsync(grain));
        Assert.Empty(await ReminderRowsAsync(grain));
        Assert.Equal(accepted.Journal.Count, read.Journal.Count);
    }

    [Fact]
    public async Task TheReminderOfAnEarlierReleaseStaysWhileTheWakeTimeCannotBeStored()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var accepted = await ActAsync(grain, Clerk, ActionNames.Accept);
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.NotNull(await cluster.Reminders.UpsertRow(new ReminderEntry
        {
            GrainId = grain.GetGrainId(), ReminderName = CaseTimers.SlaReminder, StartAt = DateTime.UtcNow.AddDays(2), Period = CaseTimers.RetryPeriod,
        }));

        // The row is at another version (another copy of the case wrote it), so setting the wake time changes nothing.
        await ExecuteAsync(
            $"UPDATE case_head SET head = json_remove(head, '$.slaWakeAt') WHERE case_id = '{grain.GetPrimaryKeyString()}';" +
            $"UPDATE case_summary SET sla_wake_at = NULL, version = version + 5 WHERE case_id = '{grain.GetPrimaryKeyString()}';");

        await GetAsync(grain);

        Assert.Equal((accepted.Version + 5, (DateTimeOffset?)null), await StoredAsync(grain));
        Assert.Equal(CaseTimers.SlaReminder, Assert.Single(await ReminderRowsAsync(grain)).ReminderName);
    }

    [Fact]
    public async Task AClosedCaseWhoseRowAnEarlierReleaseLeftDueIsPutRightByTheSweep()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await ActAsync(grain, Reviewer, ActionNames.Pass);
        var denied = await ActAsync(grain, Reviewer, ActionNames.Deny, new { reason = "不符合条件" });

        // A silo of the release before the sweep closed it: its upsert does not name the column, so the wake time stayed.
        var stale = cluster.Clock.GetUtcNow() - TimeSpan.FromMinutes(1);
        await ExecuteAsync($"UPDATE case_summary SET sla_wake_at = {stale.UtcTicks} WHERE case_id = '{grain.GetPrimaryKeyString()}';");
        Assert.Equal(stale, await WakeAtAsync(grain));

        Assert.True(await cluster.Sweep.SweepAsync() >= 1);

        Assert.Equal((denied.Version, (DateTimeOffset?)null), await StoredAsync(grain));
    }

    [Fact]
    public async Task ACaseTheSweepCannotWakeIsLeftOutOfTheSweepsThatFollow()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        var id = grain.GetPrimaryKeyString();
        await cluster.Cluster.DeactivateAsync(grain);

        // A due board row whose case has no head (a hand-deleted case, a half-restored backup): no wake can set it right.
        var due = cluster.Clock.GetUtcNow() - TimeSpan.FromMinutes(1);
        await ExecuteAsync($"DELETE FROM case_head WHERE case_id = '{id}'; UPDATE case_summary SET sla_wake_at = {due.UtcTicks} WHERE case_id = '{id}';");
        try
        {
            await cluster.Sweep.SweepAsync();
            Assert.True(await IsActiveAsync(grain), "the sweep tried to wake the case");
            await cluster.Cluster.DeactivateAsync(grain);

            // Left out for the backoff: the next sweep does not call it, so it is not activated again.
            await cluster.Sweep.SweepAsync();
            Assert.False(await IsActiveAsync(grain), "a case whose wake failed was woken again by the very next sweep");
            Assert.Equal(due, await WakeAtAsync(grain));
        }
        finally
        {
            await ExecuteAsync($"DELETE FROM case_summary WHERE case_id = '{id}';");
        }
    }

    private async Task<bool> IsActiveAsync(ICaseGrain grain)
    {
        var active = await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create(CaseStateCatalog.GrainType));
        return active.Contains(grain.GetGrainId());
    }

    private async Task<DateTimeOffset?> WakeAtAsync(ICaseGrain grain) => (await StoredAsync(grain)).WakeAt;

    private Task<(long Version, DateTimeOffset? WakeAt)> StoredAsync(ICaseGrain grain) => cluster.StoredWakeAsync(grain);

    private Task ExecuteAsync(string sql) => cluster.ExecuteOnRowsAsync(sql);

    private async Task<IList<ReminderEntry>> ReminderRowsAsync(ICaseGrain grain) =>
        (await cluster.Reminders.ReadRows(grain.GetGrainId())).Reminders;
}
