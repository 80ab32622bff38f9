using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Documents.Tests;

/// <summary>Speaks the public contract over HTTP: JSON for cases, raw bytes and headers for documents.</summary>
public sealed class DocumentClient(string baseUrl) : IDisposable
{
    public const string DemoPassword = "servicehall";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<DocumentClient> SignInAsync(string username)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/token", new { username, password = DemoPassword });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in as {username}: {(int)response.StatusCode} {body}");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!["accessToken"]!.GetValue<string>());
        return this;
    }

    public async Task<JsonNode> PostAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _http.PostAsJsonAsync(path, body, JsonSerializerOptions.Web);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>GETs a document; <paramref name="accept"/> null sends no Accept header at all.</summary>
    public async Task<Fetched> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _http.SendAsync(request);
        return new Fetched(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentDisposition,
            await response.Content.ReadAsByteArrayAsync());
    }

    public void Dispose() => _http.Dispose();
}

public sealed record Fetched(HttpStatusCode Status, string? MediaType, ContentDispositionHeaderValue? Disposition, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>The problem-details <c>field</c> of an error answer.</summary>
    public string? Field => MediaType == "application/problem+json" ? JsonNode.Parse(Text)?["field"]?.GetValue<string>() : null;

    public override string ToString() => $"{(int)Status} {MediaType} {(MediaType?.StartsWith("application/pdf", StringComparison.Ordinal) == true ? $"{Body.Length} bytes" : Text)}";
}
