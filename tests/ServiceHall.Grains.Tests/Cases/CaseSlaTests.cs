using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// The statutory clock on the fake ServiceHall clock. Orleans' reminders run on real time, so a "tick" here is what
/// a tick does: the case is deactivated and touched again, and its activation catches up from the stored dates.
/// </summary>
public sealed class CaseSlaTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly WorkingCalendar _weekends = new(new CalendarOptions());

    [Fact]
    public async Task ThresholdsAreRaisedOnceEachAtTheirInstantsAndABreachIsFlagged()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var accepted = await ActAsync(grain, Clerk, ActionNames.Accept);
        var start = accepted.Sla.StartedAt!.Value;
        var budget = TimeSpan.FromDays(accepted.Sla.TimeLimitDays);

        foreach (var percent in new[] { 50, 75, 100 })
        {
            var instant = _weekends.AddWorkingTime(start, budget * percent / 100);
            cluster.Clock.SetUtcNow(instant - TimeSpan.FromSeconds(1));
            var justBefore = await TickAsync(grain);
            Assert.DoesNotContain(justBefore.Sla.Alerts, a => a.Percent == percent);

            cluster.Clock.SetUtcNow(instant);
            var at = await TickAsync(grain);
            var alert = Assert.Single(at.Sla.Alerts, a => a.Percent == percent);
            Assert.Equal(instant, alert.ReachedAt);

            var again = await TickAsync(grain);
            Assert.Single(again.Sla.Alerts, a => a.Percent == percent);
        }

        var breached = await GetAsync(grain);
        Assert.True(breached.Sla.Breached);
        Assert.Equal("breached", breached.Sla.State);
        Assert.Equal(3, breached.Journal.Count(e => e.Action == "sla-alert"));
        AssertJournalGapFree(breached);
    }

    [Fact]
    public async Task AWaitForCorrectionShiftsTheDueDateByExactlyThePausedWorkingTime()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var accepted = await ActAsync(grain, Clerk, ActionNames.Accept);
        var dueBefore = accepted.Sla.DueAt!.Value;

        cluster.Clock.Advance(TimeSpan.FromHours(5));
        var pausedAt = cluster.Clock.GetUtcNow();
        var waiting = await ActAsync(grain, Reviewer, ActionNames.RequestCorrection, new { deficiencies = new[] { new { problem = "缺页" } } });
        Assert.True(waiting.Sla.Paused);
        Assert.Equal("paused", waiting.Sla.State);

        // The applicant takes a weekend and a bit to answer; none of it counts against the hall.
        cluster.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(7));
        var resumedAt = cluster.Clock.GetUtcNow();
        var resumed = await ActAsync(grain, Clerk, ActionNames.Resubmit, ResubmitPayload(waiting));

        Assert.False(resumed.Sla.Paused);
        var paused = _weekends.WorkingTimeBetween(pausedAt, resumedAt);
        Assert.Equal(_weekends.AddWorkingTime(dueBefore, paused), resumed.Sla.DueAt);
        Assert.Equal(_weekends.WorkingTimeBetween(accepted.Sla.StartedAt!.Value, dueBefore),
            _weekends.WorkingTimeBetween(accepted.Sla.StartedAt!.Value, resumed.Sla.DueAt!.Value) - paused);
        var pause = Assert.Single(resumed.Sla.PausedFor);
        Assert.Equal((pausedAt, resumedAt, "awaiting-correction"), (pause.From, pause.To!.Value, pause.Reason));
    }

    [Fact]
    public async Task AThresholdPassedWhileTheSiloWasDownIsRaisedAfterTheRestart()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var accepted = await ActAsync(grain, Clerk, ActionNames.Accept);
        var halfway = _weekends.AddWorkingTime(accepted.Sla.StartedAt!.Value, TimeSpan.FromDays(accepted.Sla.TimeLimitDays) / 2);

        await cluster.RestartAsync(() => cluster.Clock.SetUtcNow(halfway + TimeSpan.FromHours(2)));
        var after = await GetAsync(cluster.Case(grain.GetPrimaryKeyString()));

        var alert = Assert.Single(after.Sla.Alerts);
        Assert.Equal((50, halfway), (alert.Percent, alert.ReachedAt));
        Assert.Equal("warning", after.Sla.State);
    }

    [Fact]
    public async Task TheSweepRaisesAThresholdOfACaseNoSiloHolds()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var accepted = await ActAsync(grain, Clerk, ActionNames.Accept);
        var start = accepted.Sla.StartedAt!.Value;
        var budget = TimeSpan.FromDays(accepted.Sla.TimeLimitDays);
        var halfway = _weekends.AddWorkingTime(start, budget / 2);
        Assert.Equal((accepted.Version, (DateTimeOffset?)halfway), await cluster.StoredWakeAsync(grain));
        await cluster.Cluster.DeactivateAsync(grain);

        cluster.Clock.SetUtcNow(halfway - TimeSpan.FromSeconds(1));
        await cluster.Sweep.SweepAsync();
        Assert.Equal(accepted.Version, (await cluster.StoredWakeAsync(grain)).Version);

        cluster.Clock.SetUtcNow(halfway + TimeSpan.FromMinutes(1));
        Assert.True(await cluster.Sweep.SweepAsync() >= 1);

        // Read from the row, not through the grain (whose activation would catch up by itself): the sweep wrote it.
        var (version, wakeAt) = await cluster.StoredWakeAsync(grain);
        Assert.Equal(accepted.Version + 1, version);
        Assert.Equal(_weekends.AddWorkingTime(start, budget * 3 / 4), wakeAt);
        var after = await GetAsync(grain);
        var alert = Assert.Single(after.Sla.Alerts);
        Assert.Equal((50, halfway), (alert.Percent, alert.ReachedAt));

        // Swept again at the same instant: nothing is due, nothing is written.
        await cluster.Sweep.SweepAsync();
        Assert.Equal(accepted.Version + 1, (await cluster.StoredWakeAsync(grain)).Version);
    }

    [Fact]
    public async Task TheInstantChannelRunsASixtyMinuteClockFromOpening()
    {
        var grain = cluster.NewCase();
        var result = await grain.OpenAsync(Application() with { ServiceItemCode = "GZ-SCJG-001", Channel = "instant", Window = "instant", Materials = [] });
        Assert.True(result.Succeeded, Describe(result));
        var opened = result.Case!;

        Assert.Equal(opened.OpenedAt, opened.Sla.StartedAt);
        Assert.Equal(opened.OpenedAt + TimeSpan.FromMinutes(60), opened.Sla.DueAt);
    }

    private async Task<CaseView> TickAsync(ICaseGrain grain)
    {
        await cluster.Cluster.DeactivateAsync(grain);
        return await GetAsync(grain);
    }
}
