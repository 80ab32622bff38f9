using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ServiceHall.Benchmarks.EndToEnd;

/// <summary>
/// The load generator's view of one silo: a single pooled HttpClient (enough connections for every worker, so no
/// request queues in the client) and the clerk's and reviewer's tokens. Every call returns its own latency.
/// </summary>
public sealed class ServiceHallClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Dictionary<string, AuthenticationHeaderValue> _tokens = [];

    public ServiceHallClient(string baseUrl, int connections)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
        })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task SignInAsync(params string[] usernames)
    {
        foreach (var username in usernames)
        {
            using var response = await _http.PostAsJsonAsync("/api/auth/token", new { username, password = "servicehall" });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            _tokens[username] = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        }
    }

    /// <summary>
    /// Ask for the minimal answer to case actions (<c>Prefer: return=minimal</c>: id, status, stage, version), as the
    /// pages' action forms do; the opening command keeps its full answer (it carries the new case's number and code).
    /// </summary>
    public bool PreferMinimalActions { get; init; }

    /// <summary>The bearer token <see cref="SignInAsync"/> got for <paramref name="user"/>.</summary>
    public string AccessToken(string user) => _tokens[user].Parameter!;

    /// <summary>Sends one command; throws with the response body when it is not a success.</summary>
    public async Task<JsonElement> PostAsync(string user, string path, string json, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = _tokens[user];
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (PreferMinimalActions && path.Contains("/actions/", StringComparison.Ordinal))
        {
            request.Headers.Add("Prefer", "return=minimal");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} as {user}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement;
    }

    public async Task<JsonElement> GetAsync(string user, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = _tokens[user];
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>GET as <paramref name="user"/>; the body as text (JSON or a page); throws when it is not a success.</summary>
    public async Task<string> GetTextAsync(string user, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = _tokens[user];
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} as {user}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 400)]}");
        }

        return text;
    }

    public static string Serialize(object body) => JsonSerializer.Serialize(body, Json);

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// The standard case of the README walk-through without the correction round: open, then six human steps to pickup.
/// Each step is one command (one HTTP request); a case is <see cref="StandardCase.Commands"/> commands.
/// </summary>
public static class StandardCase
{
    public const int Commands = 7;

    public static readonly string OpenBody = ServiceHallClient.Serialize(new
    {
        serviceItemCode = "GZ-SCJG-002",
        channel = "window",
        applicant = new { name = "张三", idNumber = "11010519491231002X", phone = "13800138000" },
        materials = new[] { new { code = "application-form", form = "original" } },
        delivery = new { method = "window" },
    });

    /// <summary>The six steps after opening: who takes each, the action and its body.</summary>
    public static readonly (string User, string Action, string Body)[] Steps =
    [
        ("clerk", "accept", """{"comment":"容缺受理","acceptWithDeficiencies":true}"""),
        ("reviewer", "pass", "{}"),
        ("reviewer", "approve", """{"opinion":"符合条件"}"""),
        ("clerk", "issue-certificate", """{"form":"paper"}"""),
        ("clerk", "notify-pickup", "{}"),
        ("clerk", "picked-up", """{"collector":"agent","by":"李四","idNumber":"11010519491231002X"}"""),
    ];

    /// <summary>Opens a case; returns its id.</summary>
    public static async Task<string> OpenAsync(ServiceHallClient client)
    {
        var opened = await client.PostAsync("clerk", "/api/cases", OpenBody, Guid.NewGuid().ToString("N"));
        return opened.GetProperty("id").GetString()!;
    }

    /// <summary>Takes step <paramref name="index"/>; returns the case's status afterwards.</summary>
    public static async Task<string> StepAsync(ServiceHallClient client, string caseId, int index)
    {
        var (user, action, body) = Steps[index];
        var view = await client.PostAsync(user, $"/api/cases/{caseId}/actions/{action}", body, Guid.NewGuid().ToString("N"));
        return view.GetProperty("status").GetString()!;
    }

    /// <summary>Fails unless the last step left the case completed.</summary>
    public static void RequireCompleted(string caseId, string status)
    {
        if (status != "completed")
        {
            throw new InvalidOperationException($"Case {caseId} ended '{status}' after pickup, not 'completed'.");
        }
    }

    public static long Now() => Stopwatch.GetTimestamp();
}
