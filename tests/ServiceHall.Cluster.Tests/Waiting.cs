using System.Diagnostics;

namespace ServiceHall.Cluster.Tests;

/// <summary>Bounded polling: every wait in the cluster tests has a limit and says what it waited for.</summary>
public static class Waiting
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan within, Func<string> what, int pollMilliseconds = 20)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"waited {within.TotalSeconds:F0} s for {what()}");
            }

            await Task.Delay(pollMilliseconds);
        }
    }

    /// <summary>Waits for the load to finish, bounded by the command deadline plus slack.</summary>
    public static async Task FinishAsync(LoadGenerator load, Task run)
    {
        load.StopOpening();
        var limit = LoadGenerator.CommandDeadline * 8 + TimeSpan.FromSeconds(30);
        if (await Task.WhenAny(run, Task.Delay(limit)) != run)
        {
            throw new TimeoutException($"the load generator did not finish within {limit}");
        }

        await run;
    }

    /// <summary>After a failed test: stop the workers (bounded) so they do not run into the next test.</summary>
    public static async Task StopQuietlyAsync(LoadGenerator load, Task run)
    {
        load.StopOpening();
        await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
    }
}
