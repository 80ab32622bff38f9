using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Certificates;
using ServiceHall.TestSupport;

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
        // Fails with a TimeoutException naming how many are still active when they do not all go within Patience.
        await Eventually.UntilAsync(
            async () => (await management.GetDetailedGrainStatistics()).Count(s => keys.Contains(s.GrainId.Key.ToString()!)),
            active => active == 0, $"no activation left of {keys.Count} look-ups of unknown keys", Patience,
            active => $"{active} still active");
    }
}
