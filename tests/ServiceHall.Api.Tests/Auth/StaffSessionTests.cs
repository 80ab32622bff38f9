using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// Issue 18, finding 8: a token is renewed only from the pages' session cookie and never past the session's absolute
/// lifetime; signing out revokes the session (and the tokens renewed from it) on the server; a hub connection ends
/// when its token does.
/// </summary>
[Collection(AuthApiCollection.Name)]
public sealed class StaffSessionTests(AuthSiloFixture silo)
{
    [Fact]
    public async Task ABearerTokenCannotRenewItselfOnlyTheSessionCookieCan()
    {
        using var api = await new ApiClient(silo.BaseUrl).SignInAsync("clerk");
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/session-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.AccessToken);
        using var refused = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var browser = new WebSignIn(silo.BaseUrl);
        await browser.SignInAsync("clerk");
        using var renewed = await browser.Http.GetAsync("/api/auth/session-token");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task RenewalNeverOutlastsTheSessionLifetimeAndTheSessionThenEnds()
    {
        using var browser = new WebSignIn(silo.BaseUrl);
        await browser.SignInAsync("reviewer");
        var first = await RenewAsync(browser);
        var signedInAt = first.ExpiresAt - AuthSiloFixture.TokenLifetime;

        await AdvanceAsync(TimeSpan.FromMinutes(50));
        Assert.Equal(signedInAt + TimeSpan.FromMinutes(50) + AuthSiloFixture.TokenLifetime, (await RenewAsync(browser)).ExpiresAt);

        await AdvanceAsync(TimeSpan.FromMinutes(50));
        var last = await RenewAsync(browser);
        Assert.Equal(signedInAt + AuthSiloFixture.SessionLifetime, last.ExpiresAt);

        await AdvanceAsync(TimeSpan.FromMinutes(21));
        using var over = await browser.Http.GetAsync("/api/auth/session-token");
        Assert.Equal(HttpStatusCode.Unauthorized, over.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithBearerAsync(last.Token, "/api/cases"));
    }

    [Fact]
    public async Task SigningOutOfThePagesRevokesTheCookieAndTheTokensRenewedFromIt()
    {
        using var browser = new WebSignIn(silo.BaseUrl);
        await browser.SignInAsync("clerk");
        var cookie = browser.SessionToken!;
        var renewed = await RenewAsync(browser);
        Assert.Equal(HttpStatusCode.OK, await StatusWithBearerAsync(renewed.Token, "/api/cases"));

        using var signOut = await browser.Http.PostAsync("/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // A copy of the cookie kept elsewhere, and the token renewed from it, are both refused now.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithBearerAsync(renewed.Token, "/api/cases"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithBearerAsync(cookie, "/api/cases"));
        using var replay = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/session-token");
        request.Headers.Add("Cookie", $"{WebSignIn.SessionCookie}={cookie}");
        using var replayed = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task SigningOutWithABearerTokenRevokesThatSessionOnly()
    {
        using var first = await new ApiClient(silo.BaseUrl).SignInAsync("clerk");
        using var second = await new ApiClient(silo.BaseUrl).SignInAsync("clerk");

        var signOut = await first.PostAsync("/api/auth/sign-out", new { });
        Assert.Equal(HttpStatusCode.NoContent, signOut.Status);

        var refused = await first.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("Authorization", refused.Field);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/cases")).Status);
    }

    [Fact]
    public async Task AHubConnectionIsClosedWhenItsTokenExpires()
    {
        using var clerk = await new ApiClient(silo.BaseUrl).SignInAsync("clerk");
        // Five seconds of the token's hour left on the silo's clock; the connection must end with it.
        await AdvanceAsync(AuthSiloFixture.TokenLifetime - TimeSpan.FromSeconds(5));

        var connection = new HubConnectionBuilder()
            .WithUrl($"{silo.BaseUrl}/hubs/cases", options => options.AccessTokenProvider = () => Task.FromResult(clerk.AccessToken))
            .Build();
        await using var _ = connection;
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        var scope = await connection.InvokeAsync<JsonNode>("JoinBoard", new { });
        Assert.Equal("gz", scope["hall"]?.GetValue<string>());

        var clock = Stopwatch.StartNew();
        var finished = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == closed.Task, $"the hub connection was still open {clock.Elapsed} after its token expired");
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        // A fresh admin each time: moving the clock by hours expires the tokens of earlier steps.
        using var admin = await new ApiClient(silo.BaseUrl).SignInAsync("admin");
        await AuthSiloFixture.AdvanceAsync(admin, by);
    }

    private static async Task<(string Token, DateTimeOffset ExpiresAt)> RenewAsync(WebSignIn browser)
    {
        using var response = await browser.Http.GetAsync("/api/auth/session-token");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"session-token: {(int)response.StatusCode} {body}");
        return (body!["accessToken"]!.GetValue<string>(), body["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    private async Task<HttpStatusCode> StatusWithBearerAsync(string token, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
