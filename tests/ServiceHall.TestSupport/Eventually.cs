using System.Diagnostics;

namespace ServiceHall.TestSupport;

/// <summary>
/// Waiting for a condition the system reaches on its own time (a board row, a push, a reminder): poll it, starting
/// fast and backing off, until it holds or a generous bound runs out; then fail saying what was last seen. Never a
/// fixed sleep that hopes the thing has happened.
/// </summary>
public static class Eventually
{
    /// <summary>The bound for what takes milliseconds on an idle machine: generous for a busy 2-core CI machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Reads <paramref name="probe"/> until <paramref name="done"/> holds for its value, and returns that value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? within = null, Func<T, string>? describe = null)
    {
        var limit = within ?? Patience;
        var clock = Stopwatch.StartNew();
        var pause = FirstPause;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{what}: not reached within {limit.TotalSeconds:F0} s; last seen: {describe?.Invoke(value) ?? value?.ToString() ?? "null"}");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>Waits until <paramref name="done"/> returns true.</summary>
    public static Task UntilAsync(Func<Task<bool>> done, string what, TimeSpan? within = null) =>
        UntilAsync(done, static reached => reached, what, within, static _ => "still false");

    /// <summary>Waits until <paramref name="done"/> returns true (a condition on local state, such as a queue of pushes).</summary>
    public static Task UntilAsync(Func<bool> done, string what, TimeSpan? within = null) =>
        UntilAsync(() => Task.FromResult(done()), what, within);
}
