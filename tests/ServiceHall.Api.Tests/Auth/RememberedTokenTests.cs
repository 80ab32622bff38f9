using System.Net;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>
/// Issue 20: the silo remembers a valid token's validation briefly (<c>CachingJsonWebTokenHandler</c>); the checks that
/// can change while a token lives still run on every request. This silo runs on the wall clock, so its tokens are
/// remembered here (the auth fixture's test clock keeps them from it).
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class RememberedTokenTests(SiloFixture silo)
{
    [Fact]
    public async Task ATokenTheSiloRemembersIsRefusedOnceItsSessionIsSignedOut()
    {
        using var clerk = await new ApiClient(silo.BaseUrl).SignInAsync("clerk");
        using var other = await new ApiClient(silo.BaseUrl).SignInAsync("clerk");
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/cases")).Status);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/cases")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync("/api/auth/sign-out", new { })).Status);

        var refused = await clerk.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("Authorization", refused.Field);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/cases")).Status);
    }

    [Fact]
    public async Task ATokenOneCharacterOffARememberedOneIsRefused()
    {
        using var clerk = await new ApiClient(silo.BaseUrl).SignInAsync("clerk");
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/cases")).Status);

        // One character inside the signature (the last one may carry only padding bits).
        var token = clerk.AccessToken!;
        var at = token.LastIndexOf('.') + 5;
        var forged = string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1));
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
