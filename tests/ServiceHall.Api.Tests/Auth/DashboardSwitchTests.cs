using System.Net;
using System.Net.Http.Headers;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// Issue 20: <c>ServiceHall:Dashboard:Enabled=false</c> leaves the Orleans dashboard out (its per-second metric collection
/// and grain-call profiler with it): nothing answers under /dashboard, not even for an admin. The auth fixture's silo
/// runs with it off; the non-demo fixture (DashboardAccessTests) keeps the default.
/// </summary>
[Collection(AuthApiCollection.Name)]
public sealed class DashboardSwitchTests(AuthSiloFixture silo)
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task OffMeansNotServedEvenToAnAdmin(string path)
    {
        using var admin = await new ApiClient(silo.BaseUrl).SignInAsync("admin");
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("index.min.js", await response.Content.ReadAsStringAsync());
    }
}
