namespace ServiceHall.Api.Resilience;

/// <summary><c>ServiceHall:Resilience</c>: how hard a silo tries before answering 503.</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "ServiceHall:Resilience";

    /// <summary>Attempts of one request (the first included) after a passing cluster or storage failure.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Pause before the second attempt; doubled for each further one, then jittered (see <see cref="RetryPacing"/>).</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Time one request may spend on attempts and pauses before it is answered 503: a grain call can itself take up to
    /// Orleans' response timeout (30 s), so a bound on attempts alone would let a client wait minutes.
    /// </summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>Retry-After</c> of a 503 while the durable store is unreachable.</summary>
    public int StorageRetryAfterSeconds { get; set; } = 2;

    /// <summary><c>Retry-After</c> of a 503 while the cluster is moving grains off a failed silo.</summary>
    public int ClusterRetryAfterSeconds { get; set; } = 1;
}
