using System.Net;
using System.Net.Http.Headers;
using ServiceHall.TestSupport;

namespace ServiceHall.Cluster.Tests;

/// <summary>Issue 18, finding 8: a session signed out through one silo is refused by every other at once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SignOutAcrossSilosTests(ClusterFixture cluster)
{
    [SkippableFact]
    public async Task ATokenSignedOutThroughSiloBIsRefusedOnSiloC()
    {
        cluster.RequireStarted();
        await cluster.EnsureAllRunningAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        using var clerkOnA = await new ApiClient(a.BaseUrl).SignInAsync("clerk");
        var token = clerkOnA.AccessToken!;
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, c.BaseUrl, "/api/cases", token));

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(HttpMethod.Post, b.BaseUrl, "/api/auth/sign-out", token));

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(HttpMethod.Get, c.BaseUrl, "/api/cases", token));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(HttpMethod.Get, a.BaseUrl, "/api/cases", token));
    }

    private static async Task<HttpStatusCode> SendAsync(HttpMethod method, string baseUrl, string path, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
