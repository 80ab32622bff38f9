using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Tests.Cases;

namespace ServiceHall.Grains.Tests.Appointments;

/// <summary>
/// One applicant's booking quota on the fake clock: open bookings up to the limit, freed by a cancel or the day's end;
/// bookings per period counted even when cancelled (no book-cancel churn); a refused booking's hold not counted at all.
/// </summary>
public sealed class BookingQuotaTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly BookingQuotaOptions Defaults = new();

    [Fact]
    public async Task OpenBookingsStopAtTheLimitUntilOneIsCancelledOrItsDayEnds()
    {
        var quota = Quota();
        var dayEnd = cluster.Clock.GetUtcNow().AddHours(6);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await quota.HoldAsync("c" + i, 3, dayEnd)).Allowed);
            await quota.ConfirmAsync("c" + i, "CODE" + i);
        }

        Assert.True((await quota.HoldAsync("c0", 3, dayEnd)).Allowed);
        var full = await quota.HoldAsync("c3", 3, dayEnd);
        Assert.Equal((false, (TimeSpan?)TimeSpan.FromHours(6)), (full.Allowed, full.RetryAfter));

        await quota.CloseAsync("CODE1");
        Assert.True((await quota.HoldAsync("c3", 3, dayEnd)).Allowed);
        Assert.False((await quota.HoldAsync("c4", 3, dayEnd)).Allowed);

        cluster.Clock.Advance(TimeSpan.FromHours(6));
        Assert.True((await quota.HoldAsync("c4", 3, cluster.Clock.GetUtcNow().AddHours(6))).Allowed);
    }

    [Fact]
    public async Task CancelledBookingsCountTowardsThePeriodButRefusedOnesDoNot()
    {
        var quota = Quota();
        for (var i = 0; i < Defaults.MaxPerPeriod; i++)
        {
            Assert.True((await quota.HoldAsync("refused" + i, 3, cluster.Clock.GetUtcNow().AddDays(1))).Allowed);
            await quota.ReleaseAsync("refused" + i);
        }

        for (var i = 0; i < Defaults.MaxPerPeriod; i++)
        {
            Assert.True((await quota.HoldAsync("b" + i, 3, cluster.Clock.GetUtcNow().AddDays(1))).Allowed, $"booking {i}");
            await quota.ConfirmAsync("b" + i, "CODE" + i);
            await quota.CloseAsync("CODE" + i);
            cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var churn = await quota.HoldAsync("one-more", 3, cluster.Clock.GetUtcNow().AddDays(1));
        Assert.False(churn.Allowed);
        Assert.Equal(Defaults.Period - TimeSpan.FromMinutes(Defaults.MaxPerPeriod), churn.RetryAfter);

        cluster.Clock.Advance(churn.RetryAfter!.Value);
        Assert.True((await quota.HoldAsync("one-more", 3, cluster.Clock.GetUtcNow().AddDays(1))).Allowed);
    }

    private IBookingQuotaGrain Quota() => cluster.Cluster.Client.GetGrain<IBookingQuotaGrain>("test-" + Guid.NewGuid().ToString("N"));
}
