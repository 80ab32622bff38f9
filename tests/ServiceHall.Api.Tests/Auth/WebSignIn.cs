using System.Net;
using System.Text.RegularExpressions;

namespace ServiceHall.Api.Tests.Auth;

/// <summary>A browser's sign-in at <c>/login</c>: the antiforgery field, the form post, and the session cookie it sets.</summary>
public sealed partial class WebSignIn : IDisposable
{
    public const string SessionCookie = "servicehall.session";

    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public WebSignIn(string baseUrl)
    {
        BaseUrl = new Uri(baseUrl);
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http => _http;

    /// <summary>The session cookie's value (the token), or null when none is set.</summary>
    public string? SessionToken => _cookies.GetCookies(BaseUrl)[SessionCookie]?.Value;

    public async Task<HttpResponseMessage> PostLoginAsync(string username, string password)
    {
        var page = await _http.GetStringAsync("/login");
        var antiforgery = AntiforgeryField().Match(page);
        Assert.True(antiforgery.Success, "the sign-in form carries an antiforgery field");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups["name"].Value] = WebUtility.HtmlDecode(antiforgery.Groups["value"].Value),
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = "",
        });
        return await _http.PostAsync("/login", form);
    }

    public async Task SignInAsync(string username, string password = ApiClient.DemoPassword)
    {
        using var response = await PostLoginAsync(username, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in at /login as {username}: {(int)response.StatusCode}");
        Assert.NotNull(SessionToken);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input[^>]*name=\"(?<name>__RequestVerificationToken[^\"]*)\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
