using System.Net;

namespace ServiceHall.Api.Tests;

/// <summary>
/// The online channel in PostgreSQL mode: scans go to the database's document table (nothing in the data folder),
/// staff download them byte for byte, and certificates are signed with the configured key.
/// </summary>
[Collection("postgres-api")]
public sealed class PostgresOnlineApplicationTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>, IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [SkippableFact]
    public async Task ScansLiveInPostgresAndCertificatesAreSignedWithTheConfiguredKey()
    {
        using var applicant = new OnlineApplicant(silo.BaseUrl, "135" + TestRandom.Next(10_000_000, 100_000_000));
        var files = OnlineApplicant.SampleScans("pg");
        var reply = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), await applicant.VerifiedCodeAsync(await _walker.AsAsync("admin")), files);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());

        var id = reply.Json["id"]!.GetValue<string>();
        var clerk = await _walker.AsAsync("clerk");
        foreach (var upload in (await _walker.GetAsync(id, "clerk"))["uploads"]!.AsArray())
        {
            var download = await clerk.DownloadAsync($"/api/cases/{id}/uploads/{upload!["documentId"]!.GetValue<string>()}");
            Assert.Equal(files[upload["materialCode"]!.GetValue<string>()].Bytes, download.Bytes);
        }

        Assert.False(Directory.Exists(Path.Combine(silo.DataFolder, "documents")), "PostgreSQL mode keeps no scans in the data folder");

        await _walker.ActAsync(id, "clerk", "accept");
        await _walker.ActAsync(id, "reviewer", "pass");
        await _walker.ActAsync(id, "reviewer", "approve", new { opinion = "同意" });
        var issued = await _walker.ActAsync(id, "clerk", "issue-certificate", new { form = "both" });
        var number = issued["certificates"]![0]!["number"]!.GetValue<string>();
        var file = await _walker.Anonymous.DownloadAsync($"/api/track/{issued["trackingCode"]!.GetValue<string>()}/certificates/{number}/electronic");
        Assert.Equal(HttpStatusCode.OK, file.Status);
        var check = await _walker.Anonymous.PostAsync("/api/certificates/verify", null, rawBody: System.Text.Encoding.UTF8.GetString(file.Bytes));
        Assert.Equal("valid", check.Json["status"]!.GetValue<string>());
    }
}
