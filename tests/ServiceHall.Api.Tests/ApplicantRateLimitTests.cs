using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>An embedded silo whose per-client allowance on the applicant endpoints is tiny, so it is cheap to exhaust.</summary>
public sealed class RateLimitedSiloFixture : SiloFixture
{
    public const int PermitLimit = 3;

    protected override IEnumerable<string> ExtraSettings =>
    [
        $"--ServiceHall:ApplicantRateLimit:PermitLimit={PermitLimit}",
        "--ServiceHall:ApplicantRateLimit:Window=00:10:00",
    ];
}

/// <summary>
/// One client cannot spread code requests and submissions over many phones: past the allowance the applicant
/// endpoints answer 429 with Retry-After and a problem, whichever phone is named.
/// </summary>
public sealed class ApplicantRateLimitTests(RateLimitedSiloFixture silo) : IClassFixture<RateLimitedSiloFixture>
{
    [Fact]
    public async Task OneClientPastTheAllowanceGets429WithRetryAfterAcrossPhones()
    {
        for (var i = 0; i < RateLimitedSiloFixture.PermitLimit; i++)
        {
            using var applicant = new OnlineApplicant(silo.BaseUrl, "137" + Random.Shared.Next(10_000_000, 99_999_999));
            using var sent = await applicant.RequestCodeAsync();
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        using var next = new OnlineApplicant(silo.BaseUrl, "137" + Random.Shared.Next(10_000_000, 99_999_999));
        using var refused = await next.RequestCodeAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
        Assert.Equal("client", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());

        var submission = await next.SubmitAsync(OnlineApplicant.SampleApplication(next.Phone), "000000", OnlineApplicant.SampleScans("limit"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "client"), (submission.Status, submission.Field));
    }
}
