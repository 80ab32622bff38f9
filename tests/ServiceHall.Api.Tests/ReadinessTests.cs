using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Readiness is the silo alone (active, not draining); the database is reported on <c>/health/storage</c>. A PostgreSQL
/// outage must leave the silo ready, so clients keep reaching it and get its own 503 with Retry-After.
/// </summary>
[Collection("postgres-api")]
public sealed class ReadinessTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task ThePodStaysReadyWhilePostgresIsDownAndStorageHealthReportsTheOutage()
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var (readyStatus, ready) = await GetAsync(http, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal(["shutdown", "silo"], ready["checks"]!.AsObject().Select(c => c.Key).Order());
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await StorageAsync(http));

        await silo.Server!.StopAsync();
        try
        {
            var down = await WaitForStorageAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", down);
            var (stillReady, body) = await GetAsync(http, "/health/ready");
            Assert.True(stillReady == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await silo.Server.StartIfStoppedAsync();
        }

        Assert.Equal("Healthy", await WaitForStorageAsync(http, HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/health/ready")).Status);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<(HttpStatusCode Status, string Check)> StorageAsync(HttpClient http)
    {
        var (status, body) = await GetAsync(http, "/health/storage");
        return (status, body["checks"]!["storage"]!["status"]!.GetValue<string>());
    }

    /// <summary>Pooled connections notice a stop (and a start) on their next use, so the answer may lag a little.</summary>
    private static async Task<string> WaitForStorageAsync(HttpClient http, HttpStatusCode expected)
    {
        var last = await Eventually.UntilAsync(
            () => StorageAsync(http), reply => reply.Status == expected, $"/health/storage answering {(int)expected}", Patience,
            reply => $"{(int)reply.Status} {reply.Check}");
        return last.Check;
    }
}
