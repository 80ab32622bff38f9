namespace ServiceHall.Benchmarks.Push;

/// <summary>
/// The one clock both ends of a push measurement read: the system's real-time clock, in 100 ns ticks. The silo stamps
/// its commits with it and the harness stamps sends and receipts, on the same machine, so differences are exact up to
/// the clock's resolution (a step of the system clock during a run would show as an outlier).
/// </summary>
internal static class WallClock
{
    public static long Now() => DateTime.UtcNow.Ticks;

    public static double Milliseconds(long fromTicks, long toTicks) => (toTicks - fromTicks) / (double)TimeSpan.TicksPerMillisecond;
}
