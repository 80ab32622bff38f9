using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ServiceHall.Elsa.Tests;

/// <summary>Speaks to the silo as the studio does: raw JSON bodies, PascalCase query strings, a bearer token.</summary>
public sealed class StudioClient : IDisposable
{
    public const string Api = "/elsa/api";

    private readonly HttpClient _http;

    public StudioClient(string baseUrl) =>
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };

    public static async Task<StudioClient> SignedInAsync(string baseUrl, string username)
    {
        var client = new StudioClient(baseUrl);
        var response = await client._http.PostAsJsonAsync("/api/auth/token", new { username, password = "servicehall" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {username}: {body}");
        client._http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["accessToken"]!.GetValue<string>());
        return client;
    }

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Answer> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<Answer> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body.ToJsonString());

    public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? json, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return await SendAsync(request);
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new Answer(response.StatusCode, bytes, response.Content.Headers.ContentType?.ToString(), response.Headers, response.Content.Headers);
    }

    public void Dispose() => _http.Dispose();
}

public sealed record Answer(HttpStatusCode Status, byte[] Bytes, string? ContentType, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException($"{(int)Status} without a body");

    public JsonObject Object => Json.AsObject();

    /// <summary>Asserts the status and hands back the JSON body.</summary>
    public JsonNode Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {this}");
        return Bytes.Length == 0 ? new JsonObject() : Json;
    }

    public override string ToString() => $"{(int)Status} {(Bytes.Length > 2000 ? Text[..2000] + "…" : Text)}";
}
