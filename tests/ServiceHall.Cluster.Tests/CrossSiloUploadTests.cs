using System.Net;
using System.Security.Cryptography;
using ServiceHall.TestSupport;

namespace ServiceHall.Cluster.Tests;

/// <summary>
/// Scans live where every silo reaches them: an application uploaded through silo A downloads byte for byte through
/// B and C, each with its own data folder, so nothing can come from A's disk.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloUploadTests(ClusterFixture cluster)
{
    [SkippableFact]
    public async Task AnUploadThroughSiloADownloadsThroughSilosBAndC()
    {
        cluster.RequireStarted();
        await cluster.EnsureAllRunningAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        using var adminOnA = await new ApiClient(a.BaseUrl).SignInAsync("admin");
        using var applicant = new OnlineApplicant(a.BaseUrl, "137" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000));
        var scans = OnlineApplicant.SampleScans("cross-silo");

        var reply = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), await applicant.VerifiedCodeAsync(adminOnA), scans,
            idempotencyKey: Guid.NewGuid().ToString("N"));
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        var id = reply.Json["id"]!.GetValue<string>();

        foreach (var node in new[] { b, c })
        {
            using var clerk = await new ApiClient(node.BaseUrl).SignInAsync("clerk");
            var detail = await clerk.GetAsync($"/api/cases/{id}");
            Assert.True(detail.Status == HttpStatusCode.OK, $"{node}: {detail}");
            var uploads = detail.Json["uploads"]!.AsArray();
            Assert.Equal(scans.Keys.Order(), uploads.Select(u => u!["materialCode"]!.GetValue<string>()).Order());
            foreach (var upload in uploads)
            {
                var download = await clerk.DownloadAsync($"/api/cases/{id}/uploads/{upload!["documentId"]!.GetValue<string>()}");
                Assert.True(download.Status == HttpStatusCode.OK, $"{node}: download {(int)download.Status}");
                Assert.Equal(scans[upload["materialCode"]!.GetValue<string>()].Bytes, download.Bytes);
            }
        }
    }
}
