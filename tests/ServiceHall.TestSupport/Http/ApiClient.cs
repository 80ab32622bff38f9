using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace ServiceHall.TestSupport;

/// <summary>A thin HTTP client that speaks the public contract in raw JSON, as curl would.</summary>
public sealed class ApiClient(string baseUrl) : IDisposable
{
    public const string DemoPassword = "servicehall";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    public static readonly string[] ValidIdNumbers = ["11010519491231002X", "440106199003071231", "440103198512125417"];

    /// <summary>The bearer token after <see cref="SignInAsync"/>, for a SignalR connection.</summary>
    public string? AccessToken => _http.DefaultRequestHeaders.Authorization?.Parameter;

    public async Task<ApiClient> SignInAsync(string username)
    {
        var response = await _http.PostAsJsonAsync("/api/auth/token", new { username, password = DemoPassword });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in as {username}: {(int)response.StatusCode} {body}");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!["accessToken"]!.GetValue<string>());
        return this;
    }

    /// <summary>Asks for answers (problem details' messages) in <paramref name="culture"/> from now on.</summary>
    public ApiClient Speaking(string culture)
    {
        _http.DefaultRequestHeaders.AcceptLanguage.Clear();
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        return this;
    }

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Reply> PostAsync(string path, object? body, string? idempotencyKey = null, string? ifMatch = null, string? rawBody = null) =>
        SendAsync(HttpMethod.Post, path, body, idempotencyKey, ifMatch, rawBody);

    public Task<Reply> PutAsync(string path, object? body) => SendAsync(HttpMethod.Put, path, body);

    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, string? idempotencyKey = null, string? ifMatch = null, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: JsonSerializerOptions.Web);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await _http.SendAsync(request);
        return new Reply(response.StatusCode, await Json(response), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>GET of a binary resource (a PDF, an uploaded scan): status, bytes and content type.</summary>
    public async Task<Download> DownloadAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return new Download(response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonNode?> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }
}

public sealed record Reply(HttpStatusCode Status, JsonNode? Body, string? MediaType)
{
    public JsonNode Json => Body ?? throw new InvalidOperationException($"{(int)Status} without a body");

    public string? Field => Body?["field"]?.GetValue<string>();

    public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
}

public sealed record Download(HttpStatusCode Status, byte[] Bytes, string? MediaType);
