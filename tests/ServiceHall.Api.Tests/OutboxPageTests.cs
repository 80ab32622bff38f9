using System.Net;
using System.Net.Http.Headers;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 21: the admin's page of the SMS outbox (<c>/admin/outbox</c>), so a demo can read what the hall "sent" —
/// admins only, phone numbers masked, never cached.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class OutboxPageTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(silo.BaseUrl) };

    public void Dispose()
    {
        _walker.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task AnAdminReadsTheMessagesWithPhonesMaskedAndNobodyElseDoes()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var number = opened["number"]!.GetValue<string>();
        await _walker.ActAsync(CaseWalker.Id(opened), "clerk", "reject", new { reason = "不属于本中心受理范围" });

        // Messages reach the outbox after the write: the page shows the case's once the gateway took it.
        string page = "";
        await Eventually.UntilAsync(async () =>
        {
            using var response = await SendAsync("/admin/outbox", "admin");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, "the page is never cached");
            page = await response.Content.ReadAsStringAsync();
            return page.Contains(number, StringComparison.Ordinal);
        }, "the rejection text is on the outbox page");

        Assert.Contains("不予受理：不属于本中心受理范围", page, StringComparison.Ordinal);
        Assert.Contains("138****8000", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", page, StringComparison.Ordinal);

        foreach (var user in new[] { "clerk", "manager", "reviewer" })
        {
            using var refused = await SendAsync("/admin/outbox", user);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain(number, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var anonymous = await SendAsync("/admin/outbox", null);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await _walker.AsAsync(user)).AccessToken);
        }

        return await _http.SendAsync(request);
    }
}
