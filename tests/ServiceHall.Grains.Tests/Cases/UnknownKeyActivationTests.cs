using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Certificates;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// Anyone may ask about any tracking code or certificate number; a made-up one must not stay activated until idle
/// collection, or a stream of guesses fills the silo's memory with empty grains.
/// </summary>
public sealed class UnknownKeyActivationTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task LookingUpUnknownTrackingCodesAndCertificateNumbersLeavesNoActivationBehind()
    {
        var client = cluster.Cluster.Client;
        var codes = Enumerable.Range(0, 20).Select(_ => CaseIds.NewTrackingCode()).ToList();
        var numbers = Enumerable.Range(0, 20).Select(i => $"XX-20990101-{i:D6}").ToList();
        foreach (var code in codes)
        {
            Assert.Null(await client.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code)).GetCaseIdAsync());
        }

        foreach (var number in numbers)
        {
            Assert.Null(await client.GetGrain<ICertificateGrain>(ICertificateGrain.Key(number)).GetAsync());
        }

        var keys = codes.Select(ITrackingGrain.Key).Concat(numbers.Select(ICertificateGrain.Key)).ToHashSet(StringComparer.Ordinal);
        var management = client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + Patience;
        int active;
        do
        {
            var statistics = await management.GetDetailedGrainStatistics();
            active = statistics.Count(s => keys.Contains(s.GrainId.Key.ToString()!));
            if (active == 0)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.True(active == 0, $"{active} of {keys.Count} look-ups of unknown keys are still activated after {Patience}");
    }
}
