using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>An embedded silo whose per-client allowances on the anonymous endpoints are tiny, so they are cheap to exhaust.</summary>
public sealed class RateLimitedSiloFixture : SiloFixture
{
    public const int PermitLimit = 3;

    public const int ActionPermitLimit = 4;

    protected override IEnumerable<string> ExtraSettings =>
    [
        $"--ServiceHall:ApplicantRateLimit:PermitLimit={PermitLimit}",
        "--ServiceHall:ApplicantRateLimit:Window=00:10:00",
        $"--ServiceHall:AnonymousActionRateLimit:PermitLimit={ActionPermitLimit}",
        "--ServiceHall:AnonymousActionRateLimit:Window=00:10:00",
    ];
}

/// <summary>
/// One client cannot spread code requests and submissions over many phones: past the allowance the applicant
/// endpoints answer 429 with Retry-After and a problem, whichever phone is named. Booking, cancelling and
/// rescheduling appointments and resubmitting online share another allowance, which signed-in staff do not use up.
/// </summary>
public sealed class ApplicantRateLimitTests(RateLimitedSiloFixture silo) : IClassFixture<RateLimitedSiloFixture>
{
    [Fact]
    public async Task OneClientPastTheAllowanceGets429WithRetryAfterAcrossPhones()
    {
        for (var i = 0; i < RateLimitedSiloFixture.PermitLimit; i++)
        {
            using var applicant = new OnlineApplicant(silo.BaseUrl, "137" + TestRandom.Next(10_000_000, 99_999_999));
            using var sent = await applicant.RequestCodeAsync();
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        using var next = new OnlineApplicant(silo.BaseUrl, "137" + TestRandom.Next(10_000_000, 99_999_999));
        using var refused = await next.RequestCodeAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
        Assert.Equal("client", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());

        var submission = await next.SubmitAsync(OnlineApplicant.SampleApplication(next.Phone), "000000", OnlineApplicant.SampleScans("limit"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "client"), (submission.Status, submission.Field));
    }

    [Fact]
    public async Task AnonymousAppointmentCommandsAndResubmissionGet429PastTheirAllowanceButStaffDoNot()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var walker = new CaseWalker(silo.BaseUrl);
        var clerk = await walker.AsAsync("clerk");

        // Within the allowance each command answers for itself (here: an empty booking lacks its window).
        for (var i = 0; i < RateLimitedSiloFixture.ActionPermitLimit; i++)
        {
            using var booking = await anonymous.PostAsJsonAsync("/api/appointments", new { });
            Assert.Equal(HttpStatusCode.BadRequest, booking.StatusCode);
        }

        string[] paths = ["/api/appointments", "/api/appointments/NOSUCHCODE/cancel", "/api/appointments/NOSUCHCODE/reschedule", "/api/track/NOSUCHCODE/resubmission"];
        foreach (var path in paths)
        {
            // The resubmission route takes only multipart (the scans); the appointment commands take JSON.
            using HttpContent body = path.EndsWith("/resubmission", StringComparison.Ordinal)
                ? new MultipartFormDataContent { { new StringContent("{}"), "answers" } }
                : JsonContent.Create(new { });
            using var refused = await anonymous.PostAsync(path, body);
            Assert.True(refused.StatusCode == HttpStatusCode.TooManyRequests, $"{path}: {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal((429, "client"), (problem["status"]!.GetValue<int>(), problem["field"]!.GetValue<string>()));
        }

        // A clerk at the same address is neither refused nor counted: past the allowance, every call still answers for itself.
        for (var i = 0; i <= RateLimitedSiloFixture.ActionPermitLimit; i++)
        {
            var booking = await clerk.PostAsync("/api/appointments", new { });
            Assert.Equal((HttpStatusCode.BadRequest, "window"), (booking.Status, booking.Field));
            var cancel = await clerk.PostAsync("/api/appointments/NOSUCHCODE/cancel", new { });
            Assert.Equal(HttpStatusCode.NotFound, cancel.Status);
        }

        // Reading a booking or the slots is not one of the limited commands.
        using var slots = await anonymous.GetAsync("/api/appointments/slots?serviceItemCode=GZ-SCJG-002&date=2026-01-05");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, slots.StatusCode);
    }
}
