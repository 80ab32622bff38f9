using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ServiceHall.Api.Tests;

/// <summary>
/// A silo with a tiny anonymous allowance that believes X-Forwarded-For only from 127.0.0.2 (its "Ingress"). Each
/// test calls from loopback addresses of its own, so the tests do not share buckets.
/// </summary>
public sealed class AnonymousLimitSiloFixture : SiloFixture
{
    public const int PermitLimit = 4;

    public const string Proxy = "127.0.0.2";

    protected override IEnumerable<string> ExtraSettings =>
    [
        $"--ServiceHall:AnonymousRateLimit:PermitLimit={PermitLimit}",
        "--ServiceHall:AnonymousRateLimit:Window=00:10:00",
        $"--ServiceHall:ForwardedHeaders:KnownNetworks:0={Proxy}/32",
    ];
}

/// <summary>
/// Every route reachable without signing in draws on one allowance per client address — tracker, certificate and
/// appointment look-ups, sign-in, pages and the hub's WatchCase — and answers 429 with Retry-After beyond it. The
/// address is the peer's, or X-Forwarded-For when (and only when) the peer is a configured proxy.
/// </summary>
public sealed class AnonymousRateLimitTests(AnonymousLimitSiloFixture silo) : IClassFixture<AnonymousLimitSiloFixture>
{
    private const string UnknownCode = "ZZZZZZZZZZZZZZZZ";

    private static readonly (HttpMethod Method, string Path)[] AnonymousRoutes =
    [
        (HttpMethod.Get, $"/api/track/{UnknownCode}"),
        (HttpMethod.Get, $"/api/track/{UnknownCode}/documents/receipt"),
        (HttpMethod.Get, $"/api/track/{UnknownCode}/certificates/GZ-20260101-000001/electronic"),
        (HttpMethod.Get, "/api/certificates/GZ-20260101-000001/verify"),
        (HttpMethod.Get, "/api/certificates/signing-key"),
        (HttpMethod.Get, "/api/appointments/NOSUCHCODE"),
        (HttpMethod.Get, "/api/appointments/slots?serviceItemCode=GZ-SCJG-002&date=2026-01-05"),
        (HttpMethod.Post, "/api/auth/token"),
        (HttpMethod.Get, "/api/catalog/items"),
        (HttpMethod.Get, $"/track?code={UnknownCode}"),
        (HttpMethod.Get, "/verify/GZ-20260101-000001"),
        (HttpMethod.Get, "/"),
    ];

    [Fact]
    public async Task PastTheAllowanceEveryAnonymousRouteAnswers429WithRetryAfterAndHealthProbesDoNot()
    {
        using var http = LoopbackClients.Http(silo.BaseUrl, "127.0.0.3");
        for (var i = 0; i < AnonymousLimitSiloFixture.PermitLimit; i++)
        {
            using var lookUp = await http.GetAsync($"/api/track/{UnknownCode}");
            Assert.Equal(HttpStatusCode.NotFound, lookUp.StatusCode);
        }

        foreach (var (method, path) in AnonymousRoutes)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonContent(new JsonObject { ["username"] = "clerk", ["password"] = "guess" });
            }

            using var refused = await http.SendAsync(request);
            await AssertTooManyAsync(refused, $"{method} {path}");
        }

        // Kubernetes' probes and monitoring come from one address too; they are never refused.
        foreach (var probe in new[] { "/health/live", "/health/ready", "/health/storage" })
        {
            using var answer = await http.GetAsync(probe);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{probe}: {(int)answer.StatusCode}");
        }
    }

    [Fact]
    public async Task SignedInStaffAtTheSameAddressAreNotCounted()
    {
        using var http = LoopbackClients.Http(silo.BaseUrl, "127.0.0.9");
        using var signIn = await http.PostAsync("/api/auth/token", JsonContent(new JsonObject { ["username"] = "clerk", ["password"] = "servicehall" }));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var token = JsonNode.Parse(await signIn.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        for (var i = 0; i < AnonymousLimitSiloFixture.PermitLimit * 3; i++)
        {
            using var lookUp = await http.GetAsync($"/api/track/{UnknownCode}");
            Assert.Equal(HttpStatusCode.NotFound, lookUp.StatusCode);
        }
    }

    [Fact]
    public async Task XForwardedForFromTheConfiguredProxyChoosesTheBucketAndAPrependedAddressDoesNot()
    {
        using (var applicant = LoopbackClients.Http(silo.BaseUrl, AnonymousLimitSiloFixture.Proxy, "198.51.100.7"))
        {
            await UseUpAllowanceAsync(applicant);
            using var refused = await applicant.GetAsync($"/api/track/{UnknownCode}");
            await AssertTooManyAsync(refused, "198.51.100.7 past its allowance");
        }

        // The Ingress appends the address it saw; whatever the client wrote in front of it is not believed.
        using (var spoofer = LoopbackClients.Http(silo.BaseUrl, AnonymousLimitSiloFixture.Proxy, "203.0.113.50, 198.51.100.7"))
        {
            using var refused = await spoofer.GetAsync($"/api/track/{UnknownCode}");
            await AssertTooManyAsync(refused, "a prepended address");
        }

        // Another applicant behind the same Ingress has an allowance of their own.
        using var neighbour = LoopbackClients.Http(silo.BaseUrl, AnonymousLimitSiloFixture.Proxy, "198.51.100.8");
        using var answered = await neighbour.GetAsync($"/api/track/{UnknownCode}");
        Assert.Equal(HttpStatusCode.NotFound, answered.StatusCode);
    }

    [Fact]
    public async Task XForwardedForFromAnyOtherPeerIsIgnored()
    {
        for (var i = 0; i < AnonymousLimitSiloFixture.PermitLimit; i++)
        {
            using var stranger = LoopbackClients.Http(silo.BaseUrl, "127.0.0.4", $"203.0.113.{i + 1}");
            using var lookUp = await stranger.GetAsync($"/api/track/{UnknownCode}");
            Assert.Equal(HttpStatusCode.NotFound, lookUp.StatusCode);
        }

        using var yetAnother = LoopbackClients.Http(silo.BaseUrl, "127.0.0.4", "203.0.113.99");
        using var refused = await yetAnother.GetAsync($"/api/track/{UnknownCode}");
        await AssertTooManyAsync(refused, "a fresh X-Forwarded-For from a peer that is no proxy");
    }

    [Fact]
    public async Task WatchCaseDrawsOnTheCallersAllowance()
    {
        await using var hub = await LoopbackClients.HubAsync(silo.BaseUrl, "127.0.0.5");
        var answers = new List<string>();
        for (var i = 0; i < AnonymousLimitSiloFixture.PermitLimit + 2; i++)
        {
            var failure = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<long>("WatchCase", UnknownCode));
            answers.Add(failure.Message);
        }

        // The upgrade request took one permit; the look-ups the rest, then each further call is refused. A hub error says
        // the catalogue's words in the connection's language (Chinese, asked for nothing else).
        const string NoCase = "没有与此查询码对应的案件";
        Assert.Contains(NoCase, answers[0]);
        Assert.Contains("来自此地址的请求过多", answers[^1]);
        Assert.Equal(AnonymousLimitSiloFixture.PermitLimit - 1, answers.Count(a => a.Contains(NoCase, StringComparison.Ordinal)));
    }

    private static async Task UseUpAllowanceAsync(HttpClient http)
    {
        for (var i = 0; i < AnonymousLimitSiloFixture.PermitLimit; i++)
        {
            using var lookUp = await http.GetAsync($"/api/track/{UnknownCode}");
            Assert.Equal(HttpStatusCode.NotFound, lookUp.StatusCode);
        }
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{what}: {(int)response.StatusCode} {text}");
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("client", JsonNode.Parse(text)!["field"]!.GetValue<string>());
    }

    private static StringContent JsonContent(JsonNode body) =>
        new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
