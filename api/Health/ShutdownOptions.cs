namespace ServiceHall.Api.Health;

/// <summary><c>ServiceHall:Shutdown</c>: how a stopping silo leaves without dropping work.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "ServiceHall:Shutdown";

    /// <summary>
    /// How long a stopping silo keeps serving while <c>/health/ready</c> already says 503, so load balancers take it out
    /// of rotation before it closes its listener. Zero on a developer's machine; the Helm chart sets a few seconds.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Bound for the whole shutdown: in-flight requests finish, then the silo hands its grains over.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
