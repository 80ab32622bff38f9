using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Tests.Cases;

namespace ServiceHall.Grains.Tests;

/// <summary>A reference built from the remembered types is the one <c>GetGrain</c> builds, on a silo and on a client.</summary>
public sealed class GrainReferenceCacheTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task EveryKeyGetsTheReferenceGetGrainWouldHaveBuiltAndItReachesTheGrain()
    {
        IGrainFactory[] factories = [cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>(), cluster.Cluster.Client];
        foreach (var factory in factories)
        {
            // The first call resolves the types, the later ones reuse them for other keys and other interfaces.
            foreach (var key in new[] { ISmsLedgerGrain.ShardKey(0), ISmsLedgerGrain.ShardKey(7), ISmsLedgerGrain.ShardKey(0) })
            {
                var remembered = (GrainReference)(object)factory.Reference<ISmsLedgerGrain>(key);
                var built = (GrainReference)(object)factory.GetGrain<ISmsLedgerGrain>(key);
                Assert.Equal(built.GrainId, remembered.GrainId);
                Assert.Equal(built.InterfaceType, remembered.InterfaceType);
            }

            var caseId = CaseIds.NewCaseId();
            Assert.Equal(((GrainReference)(object)factory.GetGrain<ICaseGrain>(caseId)).GrainId, ((GrainReference)(object)factory.Reference<ICaseGrain>(caseId)).GrainId);
            Assert.NotNull(await factory.Reference<ISmsLedgerGrain>(ISmsLedgerGrain.ShardKey(3)).ListAsync(1));
        }
    }
}
