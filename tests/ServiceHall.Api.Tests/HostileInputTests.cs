using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// What an attacker without an account sends: every route reachable anonymously (the API's AllowAnonymous routes and
/// the public pages) with oversized bodies, invalid UTF-8, wrong content types, huge, negative and overflowing numbers,
/// random and very long keys, and path traversal. Not one answer is a 5xx, and nothing changes: the cases, the
/// applicant's case and the outbox are as before.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class HostileInputTests(SiloFixture silo) : IAsyncLifetime
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private string _caseId = "";
    private string _trackingCode = "";

    public async Task InitializeAsync()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        _caseId = CaseWalker.Id(opened);
        _trackingCode = opened["trackingCode"]!.GetValue<string>();
        await _walker.WaitForBoardAsync(opened);

        // The opening's message reaches the outbox just after the answer: the snapshots must not see it arrive.
        await _walker.MessagesOfAsync(_caseId);
    }

    public Task DisposeAsync()
    {
        _walker.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Keys that stand in for a tracking code, certificate number, appointment code or file name.</summary>
    private static readonly string[] HostileKeys =
    [
        "ZZZZZZZZZZZZZZZZ",
        "zzzzzzzzzzzzzzzz",
        new string('A', 4000),
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e%2fappsettings.json",
        "..%5C..%5Cweb.config",
        "%00",
        "%FF%FE",
        "%E2%80%AE",
        "-1",
        "99999999999999999999999",
        "'%20OR%201=1--",
        "%3Cscript%3E",
    ];

    private static readonly string[] KeyedGets =
    [
        "/api/track/{key}",
        "/api/track/{key}/documents/receipt",
        "/api/track/{key}/documents/{key}",
        "/api/track/{key}/certificates/{key}/electronic",
        "/api/certificates/{key}/verify",
        "/api/appointments/{key}",
        "/api/catalog/items/{key}",
        "/track?code={key}",
        "/track/{key}",
        "/track/{key}/fragment",
        "/verify/{key}",
        "/verify?number={key}",
        "/lang/{key}",
        "/studio/{key}",
        "/studio/..%2F..%2F..%2Fetc%2Fpasswd",
        "/appointments?code={key}",
        "/login?returnUrl={key}",
    ];

    private static readonly string[] QueryGets =
    [
        "/api/appointments/slots?hall=gz&serviceItemCode=GZ-SCJG-002&date=9999-99-99",
        "/api/appointments/slots?hall=gz&serviceItemCode=GZ-SCJG-002&date=-0001-01-01",
        "/api/appointments/slots?hall=gz&serviceItemCode=GZ-SCJG-002&date=0001-01-01",
        "/api/appointments/slots?hall=gz&serviceItemCode=GZ-SCJG-002&date=9999-12-31",
        "/api/appointments/slots?hall=%00&serviceItemCode=%FF&date=2026-01-05",
        "/api/catalog/items?page=-1&take=99999999999999999999",
        "/api/certificates/signing-key?format=%FF",
        "/health/storage?x=%00",
    ];

    /// <summary>Anonymous commands; {code} is the real case's tracking code, so a body that slipped through would change it.</summary>
    private static readonly string[] JsonPosts =
    [
        "/api/auth/token",
        "/api/track/{code}/actions/withdraw",
        "/api/track/{code}/actions/resubmit",
        "/api/track/ZZZZZZZZZZZZZZZZ/actions/withdraw",
        "/api/certificates/verify",
        "/api/applications/verification-codes",
        "/api/appointments",
        "/api/appointments/NOSUCHCODE/cancel",
        "/api/appointments/NOSUCHCODE/reschedule",
        "/login",
    ];

    private static readonly string[] MultipartPosts =
    [
        "/api/applications",
        "/api/track/{code}/resubmission",
        "/api/certificates/verify",
    ];

    /// <summary>Bodies that are valid JSON but carry hostile values (the real code's withdraw is left out: a valid reason would be a real withdrawal).</summary>
    private static readonly string[] HostileJson =
    [
        """{"username": 1e400, "password": -99999999999999999999999}""",
        """{"phone": "1380013800012345678901234567890", "date": "9999-99-99", "start": "25:61", "hall": "../../etc"}""",
        """{"hall": "gz", "window": "general-2", "date": "2147483648-01-01", "start": "09:30", "serviceItemCode": "GZ-SCJG-002", "applicant": {"name": 7, "idNumber": [], "phone": {}}}""",
        """{"answers": [{"deficiencyId": -1}, {"deficiencyId": 1e308}], "stepId": 99999999999999999999}""",
        "[" + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + "]",
        """{"a": """ + string.Concat(Enumerable.Repeat("{\"a\": ", 2000)) + "1" + new string('}', 2001),
        """{"certificate": {"number": "../../../etc/passwd"}, "payload": "%%%", "signature": 12}""",
        "\"just a string\"",
        "null",
        "{\"username\": \"\\ud800\", \"password\": \"\\udfff\"}",
    ];

    [Fact]
    public async Task NoAnonymousRouteAnswers5xxToHostileInputAndNothingChanges()
    {
        var before = await SnapshotAsync();
        var failures = new List<string>();
        using var http = LoopbackClients.Http(silo.BaseUrl, "127.0.0.1");

        async Task Check(HttpRequestMessage request, string what)
        {
            using (request)
            {
                try
                {
                    using var response = await http.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{what}: {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync())}");
                    }
                }
                catch (HttpRequestException exception)
                {
                    failures.Add($"{what}: no answer ({exception.Message})");
                }
            }
        }

        foreach (var template in KeyedGets)
        {
            foreach (var key in HostileKeys)
            {
                var path = template.Replace("{key}", key);
                await Check(new HttpRequestMessage(HttpMethod.Get, path), $"GET {Truncate(path)}");
            }
        }

        foreach (var path in QueryGets)
        {
            await Check(new HttpRequestMessage(HttpMethod.Get, path), $"GET {path}");
        }

        foreach (var template in JsonPosts)
        {
            var path = template.Replace("{code}", _trackingCode);
            var realCase = template.Contains("{code}", StringComparison.Ordinal);
            foreach (var (body, label) in HostileBodies(realCase))
            {
                await Check(Post(path, body), $"POST {template} with {label}");
            }
        }

        foreach (var template in MultipartPosts)
        {
            var path = template.Replace("{code}", _trackingCode);
            foreach (var (body, label) in HostileMultipart())
            {
                await Check(Post(path, body), $"POST {template} with {label}");
            }
        }

        foreach (var key in HostileKeys.Where(k => !k.Contains('%')))
        {
            await Check(Post($"/api/track/{key}/actions/{key}", Json("{}")), $"POST /api/track/{{key}}/actions/{{key}} ({Truncate(key)})");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AJsonBodyOverTheLimitIsRefused413OnItsHeadersWithoutBeingRead()
    {
        using var http = LoopbackClients.Http(silo.BaseUrl, "127.0.0.1");
        foreach (var path in new[] { "/api/auth/token", "/api/appointments", $"/api/track/{_trackingCode}/actions/withdraw", "/api/applications/verification-codes" })
        {
            // 25 MB announced: with Expect: 100-continue the body is sent only if the server starts reading it.
            using var request = Post(path, new HugeContent(25 * 1024 * 1024));
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{path}: {(int)response.StatusCode} {Truncate(text)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("body", JsonNode.Parse(text)!["field"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task AJsonBodyOverTheLimitSentWithoutExpectContinueIsDiscardedAndAnswered413()
    {
        using var http = LoopbackClients.Http(silo.BaseUrl, "127.0.0.1");
        for (var i = 0; i < 3; i++)
        {
            // A browser's fetch sends the whole body at once; it must read the problem, not a reset connection.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = new HugeContent(2 * 1024 * 1024) };
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} {Truncate(text)}");
            Assert.Equal("body", JsonNode.Parse(text)!["field"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ABodyThatIsNotUtf8Is400NamingTheBodyNotAGuessAtItsText()
    {
        using var http = LoopbackClients.Http(silo.BaseUrl, "127.0.0.1");
        // Valid JSON around bytes that are no UTF-8: read as text they would become U+FFFD and pass as a username.
        var bytes = Encoding.UTF8.GetBytes("{\"username\":\"clerk\",\"password\":\"").Concat(new byte[] { 0xFF, 0xFE, 0xC0 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/auth/token", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("body", JsonNode.Parse(text)!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("107374183")]
    [InlineData("2147483647")]
    [InlineData("10001")]
    [InlineData("99999999999")]
    [InlineData("-2147483649")]
    [InlineData("abc")]
    public async Task APageNumberBeyondTheLastPossiblePageIs400NamingPage(string page)
    {
        var clerk = await _walker.AsAsync("clerk");
        var reply = await clerk.GetAsync($"/api/cases?page={page}");
        Assert.True((reply.Status, reply.Field) == (HttpStatusCode.BadRequest, "page"), reply.ToString());
        Assert.Equal("application/problem+json", reply.MediaType);
    }

    [Fact]
    public async Task HealthAnswersNameNoHostPathOrAddress()
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        foreach (var path in new[] { "/health/live", "/health/ready", "/health/storage" })
        {
            var text = await http.GetStringAsync(path);
            Assert.DoesNotContain(silo.DataFolder, text, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
            Assert.DoesNotContain(".db", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/", JsonNode.Parse(text)!["checks"]!.ToJsonString(), StringComparison.Ordinal);
        }
    }

    private IEnumerable<(HttpContent Body, string Label)> HostileBodies(bool realCase)
    {
        yield return (new HugeContent(25 * 1024 * 1024), "a 25 MB body");
        yield return (Raw(new byte[] { 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0xC0, 0x80, 0x7D }, "application/json"), "invalid UTF-8");
        yield return (Raw(Encoding.UTF8.GetBytes("{\"reason\":\"x\"}"), "text/plain"), "a text/plain body");
        yield return (Raw(Encoding.UTF8.GetBytes("<xml/>"), "application/xml"), "XML");
        yield return (Raw([], "application/json"), "an empty body");
        yield return (Raw(Encoding.UTF8.GetBytes("{\"reason\":"), "application/json"), "truncated JSON");
        var form = new MultipartFormDataContent { { new StringContent("{}"), "reason" } };
        yield return (form, "multipart instead of JSON");
        if (realCase)
        {
            yield break;
        }

        foreach (var json in HostileJson)
        {
            yield return (Json(json), $"hostile JSON {Truncate(json)}");
        }
    }

    private static IEnumerable<(HttpContent Body, string Label)> HostileMultipart()
    {
        yield return (new HugeContent(60 * 1024 * 1024, "multipart/form-data; boundary=xyz"), "a 60 MB multipart body");
        yield return (Raw(Encoding.UTF8.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"answers\"\r\n\r\n[{\"deficiencyId\":1e400}]"), "multipart/form-data; boundary=xyz"), "a truncated multipart body");
        yield return (Raw(Encoding.UTF8.GetBytes("--xyz--"), "multipart/form-data; boundary=" + new string('b', 5000)), "a 5000-character boundary");
        yield return (Raw(Encoding.UTF8.GetBytes("--xyz--"), "multipart/form-data"), "multipart without a boundary");
        yield return (Json("""{"answers": []}"""), "JSON instead of multipart");
        var traversal = new MultipartFormDataContent
        {
            { new StringContent("""{"serviceItemCode":"GZ-SCJG-002","applicant":{"name":"x","idNumber":"1","phone":"1"}}"""), "application" },
            { new StringContent("[{\"deficiencyId\":\"../../x\"}]"), "answers" },
            { new StringContent("123456"), "verificationCode" },
            { new ByteArrayContent([0x25, 0x50, 0x44, 0x46, 0xFF]), "../../../etc/passwd", "../../../etc/passwd" },
            { new ByteArrayContent([0xFF, 0xD8, 0xFF]), "certificate", "..\\..\\web.config" },
        };
        yield return (traversal, "path traversal in part names and file names");
    }

    private static HttpRequestMessage Post(string path, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.ExpectContinue = true;
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return request;
    }

    private static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static ByteArrayContent Json(string json) => Raw(Encoding.UTF8.GetBytes(json), "application/json");

    private async Task<string> SnapshotAsync()
    {
        var admin = await _walker.AsAsync("admin");
        var cases = await admin.GetAsync("/api/cases");
        var outbox = await admin.GetAsync("/api/outbox?take=2000");
        var view = await _walker.GetAsync(_caseId);
        var tracked = await _walker.Anonymous.GetAsync($"/api/track/{_trackingCode}");
        return $"{cases.Json["total"]} | {outbox.Json.AsArray().Count} | {view.ToJsonString()} | {tracked.Json.ToJsonString()}";
    }

    private static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";

    /// <summary>A body of <c>length</c> bytes that announces its size and is produced only if the server asks for it.</summary>
    private sealed class HugeContent : HttpContent
    {
        private readonly long _length;

        public HugeContent(long length, string contentType = "application/json")
        {
            _length = length;
            Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            chunk[0] = (byte)'{';
            for (var sent = 0L; sent < _length; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, _length - sent)));
                chunk[0] = (byte)' ';
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
