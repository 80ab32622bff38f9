using System.Net;
using System.Net.Http.Headers;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// Issue 18, finding 1: the Orleans dashboard (silo addresses, reminders naming cases, a live trace of requests) is
/// for admins only — by bearer token or the pages' session cookie — its trace is off unless configured, and with a
/// port of its own (as the chart configures it) it is not served on the public one at all.
/// </summary>
[Collection(NonDemoApiCollection.Name)]
public sealed class DashboardAccessTests(NonDemoSiloFixture silo)
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task ThePublicPortDoesNotServeItEvenToAnAdmin(string path)
    {
        var admin = await silo.TokenAsync("admin", await silo.FirstAdminPasswordAsync());
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(path, admin, silo.BaseUrl));
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/dashboard/Reminders/1")]
    [InlineData("/dashboard/Trace")]
    public async Task AnonymousCallersAreRefused(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.DashboardUrl) };
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StaffOtherThanAdminsAreRefused()
    {
        var clerk = await silo.TokenAsync(NonDemoSiloFixture.ClerkUsername, NonDemoSiloFixture.ClerkPassword);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync("/dashboard/DashboardCounters", clerk));
    }

    [Fact]
    public async Task AnAdminReadsItWithABearerTokenButGetsNoTrace()
    {
        var admin = await silo.TokenAsync("admin", await silo.FirstAdminPasswordAsync());

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/dashboard/", admin));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/dashboard/DashboardCounters", admin));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync("/dashboard/Trace", admin));
    }

    [Fact]
    public async Task AnAdminSignedInToThePagesReadsItWithTheSessionCookie()
    {
        using var browser = new WebSignIn(silo.DashboardUrl);
        await browser.SignInAsync("admin", await silo.FirstAdminPasswordAsync());

        using var page = await browser.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync());
        using var counters = await browser.Http.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string token, string? baseUrl = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl ?? silo.DashboardUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
