using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ServiceHall.Cluster.Tests;

/// <summary>
/// Closed-loop load across every silo: each worker opens a standard case (内资公司变更登记) and drives it to pickup —
/// seven idempotent commands, each with its own Idempotency-Key — then starts the next, until told to stop opening.
/// A command is repeated with the same key on the next silo after a refused or broken connection, timeout or 5xx (honouring
/// Retry-After) until it is acknowledged or its deadline passes. Everything lands in the <see cref="CommandLedger"/>.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    public static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The six steps after opening: action, who takes it, body.</summary>
    private static readonly (string Action, string User, string Body)[] Steps =
    [
        ("accept", "clerk", "{}"),
        ("pass", "reviewer", "{}"),
        ("approve", "reviewer", """{"opinion":"符合条件"}"""),
        ("issue-certificate", "clerk", """{"form":"paper"}"""),
        ("notify-pickup", "clerk", "{}"),
        ("picked-up", "clerk", """{"collector":"agent","by":"李四","idNumber":"11010519491231002X"}"""),
    ];

    private static readonly string Application = JsonSerializer.Serialize(new
    {
        serviceItemCode = "GZ-SCJG-002",
        channel = "window",
        applicant = new { name = "张三丰", idNumber = "11010519491231002X", phone = "13800138000", organization = "广州示例贸易有限公司", organizationCode = "91440101MA59XXXX1K" },
        materials = new object[]
        {
            new { code = "application-form", form = "original" },
            new { code = "business-licence-copy", form = "e-licence", eLicenceNumber = "91440101MA59XXXX1K" },
            new { code = "change-resolution", form = "original" },
            new { code = "amended-articles", form = "original" },
        },
        delivery = new { method = "window" },
    }, JsonSerializerOptions.Web);

    private readonly IReadOnlyList<ClusterNode> _nodes;
    private readonly HttpClient[] _clients;
    private readonly Dictionary<string, AuthenticationHeaderValue> _tokens;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private int _inFlight;
    private int _activeWorkers = int.MaxValue;
    private volatile bool _stopOpening;

    private LoadGenerator(IReadOnlyList<ClusterNode> nodes, HttpClient[] clients, Dictionary<string, AuthenticationHeaderValue> tokens)
    {
        _nodes = nodes;
        _clients = clients;
        _tokens = tokens;
    }

    public CommandLedger Ledger { get; } = new();

    /// <summary>Requests sent and not yet answered, over all silos.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Signs the clerk and reviewer in on the first silo; the other silos must accept those tokens.</summary>
    public static async Task<LoadGenerator> CreateAsync(IReadOnlyList<ClusterNode> nodes)
    {
        var clients = nodes.Select(_ => new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        { Timeout = RequestTimeout }).ToArray();
        var tokens = new Dictionary<string, AuthenticationHeaderValue>();
        foreach (var user in new[] { "clerk", "reviewer", "admin" })
        {
            tokens[user] = new AuthenticationHeaderValue("Bearer", await SignInAsync(clients[0], nodes[0].BaseUrl, user));
        }

        return new LoadGenerator(nodes, clients, tokens);
    }

    public static async Task<string> SignInAsync(HttpClient http, string baseUrl, string user)
    {
        using var response = await http.PostAsJsonAsync($"{baseUrl}/api/auth/token", new { username = user, password = "servicehall" });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in as {user}: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Runs <paramref name="workers"/> workers until <see cref="StopOpening"/>; they finish the case in hand.</summary>
    public Task RunAsync(int workers) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkerAsync(worker))));

    public void StopOpening() => _stopOpening = true;

    /// <summary>
    /// Lets only the first <paramref name="count"/> workers send (the others wait before their next command), so a test
    /// can drop to a background load while a silo rejoins on the two shared cores, then return to full load.
    /// </summary>
    public void LimitActiveWorkers(int count) => Volatile.Write(ref _activeWorkers, count);

    /// <summary>GET of a case as admin, repeated across silos until it answers (the checker's read).</summary>
    public async Task<JsonElement> ReadCaseAsync(string caseId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var node = attempt % _nodes.Count;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{_nodes[node].BaseUrl}/api/cases/{caseId}");
                request.Headers.Authorization = _tokens["admin"];
                using var response = await _clients[node].SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                }

                if (attempt > 30)
                {
                    throw new InvalidOperationException($"GET case {caseId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (HttpRequestException) when (attempt <= 30)
            {
            }
            catch (TaskCanceledException) when (attempt <= 30)
            {
            }

            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private async Task WorkerAsync(int worker)
    {
        for (var round = 0; !_stopOpening; round++)
        {
            var @case = Ledger.Case($"{_run}-w{worker}-c{round}");
            var opened = await SendAsync(worker, @case, "open", "clerk", "/api/cases", Application);
            if (opened is not { } created)
            {
                continue;
            }

            @case.Id = created.GetProperty("id").GetString();
            foreach (var (action, user, body) in Steps)
            {
                if (await SendAsync(worker, @case, action, user, $"/api/cases/{@case.Id}/actions/{action}", body) is null)
                {
                    break;
                }
            }
        }
    }

    /// <summary>The names in a 409's <c>availableActions</c> (none when the body is not such a problem).</summary>
    private static IReadOnlyList<string> AvailableActionNames(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("availableActions", out var actions) && actions.ValueKind == JsonValueKind.Array
                ? actions.EnumerateArray().Select(a => a.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "").ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// "refused": no connection could be made, so the silo never saw the request (a stopped listener does this).
    /// "connection": the connection broke after it was made — the request may have been accepted and then dropped.
    /// </summary>
    private static string TransportFailureKind(HttpRequestException exception) =>
        exception.HttpRequestError == HttpRequestError.ConnectionError
        || exception.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }
            ? "refused"
            : "connection";

    /// <summary>One command until acknowledged (its JSON answer), refused or past its deadline (null).</summary>
    private async Task<JsonElement?> SendAsync(int worker, LedgerCase @case, string action, string user, string path, string body)
    {
        while (worker >= Volatile.Read(ref _activeWorkers) && !_stopOpening)
        {
            await Task.Delay(50);
        }

        var command = Ledger.Issue(@case, action, $"{@case.Key}-{action}");
        for (var attempt = 0; ; attempt++)
        {
            if (Ledger.Clock.Elapsed - command.IssuedAt > CommandDeadline)
            {
                return null;
            }

            var node = (worker + attempt) % _nodes.Count;
            var startedAt = Ledger.Clock.Elapsed;
            using var request = new HttpRequestMessage(HttpMethod.Post, _nodes[node].BaseUrl + path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = _tokens[user];
            request.Headers.Add("Idempotency-Key", command.IdempotencyKey);
            var pause = TimeSpan.FromMilliseconds(Math.Min(100 * (attempt + 1), 1000));
            Interlocked.Increment(ref _inFlight);
            try
            {
                using var response = await _clients[node].SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    Ledger.Acknowledge(command);
                    return JsonDocument.Parse(text).RootElement.Clone();
                }

                if ((int)response.StatusCode >= 500)
                {
                    var retryAfter = response.Headers.RetryAfter?.Delta;
                    Ledger.Fail(command, _nodes[node].Name, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        startedAt, retryAfter?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (retryAfter is { } delta)
                    {
                        pause = delta;
                    }
                }
                else
                {
                    command.Refusal = $"{(int)response.StatusCode} from {_nodes[node].Name}: {text}";
                    command.RefusalStatus = (int)response.StatusCode;
                    command.RefusedWithAvailable = AvailableActionNames(text);
                    return null;
                }
            }
            catch (HttpRequestException exception)
            {
                Ledger.Fail(command, _nodes[node].Name, TransportFailureKind(exception), startedAt);
            }
            catch (TaskCanceledException)
            {
                Ledger.Fail(command, _nodes[node].Name, "timeout", startedAt);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }

            await Task.Delay(pause);
        }
    }
}
