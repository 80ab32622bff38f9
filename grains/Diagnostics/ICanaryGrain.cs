namespace ServiceHall.Grains.Diagnostics;

/// <summary>
/// An operational canary: a persisted counter that also says which silo hosts it. Failover drills and the cluster
/// tests touch it, kill its silo, and check that it comes back elsewhere with its count intact.
/// </summary>
[Alias("ServiceHall.Grains.Diagnostics.ICanaryGrain")]
public interface ICanaryGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the durable counter and reports where this happened.</summary>
    [Alias("TouchAsync")]
    Task<CanaryReport> TouchAsync();

    /// <summary>Reports the counter and host without changing anything.</summary>
    [Alias("GetAsync")]
    Task<CanaryReport> GetAsync();
}

/// <summary>The canary's counter and the silo (address:port@generation) that answered.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Diagnostics.CanaryReport")]
public sealed record CanaryReport([property: Id(0)] long Count, [property: Id(1)] string Silo, [property: Id(2)] int SiloPort);
