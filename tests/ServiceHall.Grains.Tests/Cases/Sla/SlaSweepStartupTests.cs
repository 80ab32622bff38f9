using Microsoft.Extensions.Time.Testing;
using ServiceHall.Grains.Cases.Sla;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests.Cases.Sla;

/// <summary>A silo that could not register the sweep's reminder at start keeps trying until it can, or until it stops.</summary>
public sealed class SlaSweepStartupTests
{
    [Fact]
    public async Task AFailedStartIsTriedAgainUntilItSucceedsAndThenNoMore()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var trying = SlaSweepStartup.KeepTryingAsync(() => Task.FromResult(Interlocked.Increment(ref attempts) == 3), time, CancellationToken.None);

        time.Advance(SlaSweepStartup.RetryDelays[0] - TimeSpan.FromSeconds(1));
        Assert.Equal(0, Volatile.Read(ref attempts));

        await Eventually.UntilAsync(() => Advanced(time, TimeSpan.FromSeconds(10), trying.IsCompleted), "the third attempt succeeds");
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task AttemptsGoOnAtTheLongestDelayAndEndWhenTheSiloStops()
    {
        var time = new FakeTimeProvider();
        using var stopping = new CancellationTokenSource();
        var attempts = 0;
        var trying = SlaSweepStartup.KeepTryingAsync(() => Task.FromResult(Interlocked.Increment(ref attempts) < 0), time, stopping.Token);

        // Past the list of delays: the last one repeats.
        var tries = SlaSweepStartup.RetryDelays.Length + 2;
        await Eventually.UntilAsync(() => Advanced(time, TimeSpan.FromMinutes(1), Volatile.Read(ref attempts) >= tries), $"{tries} attempts");

        await stopping.CancelAsync();
        await trying.WaitAsync(Eventually.Patience);
        var stoppedAt = Volatile.Read(ref attempts);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(stoppedAt, Volatile.Read(ref attempts));
    }

    /// <summary>Moves the clock on unless <paramref name="done"/> already holds, and says whether it did.</summary>
    private static bool Advanced(FakeTimeProvider time, TimeSpan step, bool done)
    {
        if (!done)
        {
            time.Advance(step);
        }

        return done;
    }
}
