namespace ServiceHall.Silo.Logging;

/// <summary>
/// <c>ServiceHall:Logging:RepeatLimit</c>: how many warnings or errors of one kind (category and event, or message
/// template) pass per interval; the rest are counted and reported as one "suppressed" line at the interval's end.
/// </summary>
public sealed class RepeatLimitSettings
{
    public const string SectionName = "ServiceHall:Logging:RepeatLimit";

    public int PerInterval { get; set; } = 10;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (PerInterval < 1)
        {
            throw new InvalidOperationException($"{SectionName}:PerInterval must be at least 1, not {PerInterval}.");
        }

        if (Interval < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"{SectionName}:Interval must be at least one second, not {Interval}.");
        }
    }
}
