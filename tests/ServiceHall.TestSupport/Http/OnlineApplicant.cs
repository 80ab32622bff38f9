using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace ServiceHall.TestSupport;

/// <summary>
/// An applicant applying online over the public contract, as a browser's form post would: asks for a verification
/// code, reads it from the embedded outbox (as an admin, standing in for the phone), and sends real multipart scans.
/// </summary>
public sealed class OnlineApplicant(string baseUrl, string phone) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    public string Phone { get; } = phone;

    /// <summary>内资公司变更登记: allows the online channel; its ID-card copy is waived.</summary>
    public const string SampleItem = "GZ-SCJG-002";

    /// <summary>An online application for <paramref name="item"/> delivered by EMS; scans travel beside it.</summary>
    public static object SampleApplication(string phone, object? materials = null, string item = SampleItem) => new
    {
        serviceItemCode = item,
        applicant = new { name = "李网办", idNumber = ApiClient.ValidIdNumbers[1], phone, organization = "广州网办示例有限公司" },
        materials = materials ?? Array.Empty<object>(),
        delivery = new { method = "ems", address = "广州市天河区天河路1号" },
    };

    /// <summary>A scan for every material of <see cref="SampleItem"/> an applicant must upload.</summary>
    public static Dictionary<string, (string Name, byte[] Bytes)> SampleScans(string seed) => new()
    {
        ["application-form"] = ("application.pdf", Pdf("form " + seed)),
        ["business-licence-copy"] = ("licence.jpg", Jpeg("licence " + seed)),
        ["change-resolution"] = ("resolution.pdf", Pdf("resolution " + seed)),
        ["amended-articles"] = ("articles.png", Png("articles " + seed)),
    };

    /// <summary>A small but real-looking scan of each accepted kind, distinct per <paramref name="seed"/>.</summary>
    public static byte[] Pdf(string seed, int padTo = 0) => Pad("%PDF-1.4\n% ServiceHall test scan " + seed + "\n%%EOF\n", padTo);

    public static byte[] Png(string seed) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. System.Text.Encoding.UTF8.GetBytes(seed)];

    public static byte[] Jpeg(string seed) => [0xFF, 0xD8, 0xFF, 0xE0, .. System.Text.Encoding.UTF8.GetBytes(seed)];

    /// <summary>A Windows executable's header: refused whatever the file is called.</summary>
    public static byte[] Executable() => [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    public async Task<HttpResponseMessage> RequestCodeAsync() =>
        await _http.PostAsync("/api/applications/verification-codes",
            new StringContent(JsonSerializer.Serialize(new { phone = Phone }), System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Requests a code (202 expected) and reads it back from the outbox.</summary>
    public async Task<string> VerifiedCodeAsync(ApiClient admin)
    {
        using var response = await RequestCodeAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"code request: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await LatestCodeAsync(admin);
    }

    public Task<string> LatestCodeAsync(ApiClient admin) => PhoneCodes.LatestAsync(admin, Phone);

    /// <summary>Posts an application: <paramref name="files"/> maps material code to (file name, bytes).</summary>
    public async Task<Reply> SubmitAsync(object application, string? code, IReadOnlyDictionary<string, (string Name, byte[] Bytes)> files, string? idempotencyKey = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(JsonSerializer.Serialize(application, JsonSerializerOptions.Web)), "application");
        if (code is not null)
        {
            form.Add(new StringContent(code), "verificationCode");
        }

        AddFiles(form, files);
        return await PostAsync("/api/applications", form, idempotencyKey);
    }

    /// <summary>Answers the correction notice online with re-uploaded scans.</summary>
    public async Task<Reply> ResubmitAsync(string trackingCode, object answers, IReadOnlyDictionary<string, (string Name, byte[] Bytes)> files)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(JsonSerializer.Serialize(answers, JsonSerializerOptions.Web)), "answers");
        AddFiles(form, files);
        return await PostAsync($"/api/track/{trackingCode}/resubmission", form, null);
    }

    public void Dispose() => _http.Dispose();

    private async Task<Reply> PostAsync(string path, HttpContent content, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var reply = new Reply(response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
        RetryAfter = response.Headers.RetryAfter?.Delta;
        return reply;
    }

    /// <summary>The Retry-After of the last submission's answer, if any.</summary>
    public TimeSpan? RetryAfter { get; private set; }

    private static void AddFiles(MultipartFormDataContent form, IReadOnlyDictionary<string, (string Name, byte[] Bytes)> files)
    {
        foreach (var (material, (name, bytes)) in files)
        {
            var file = new ByteArrayContent(bytes);
            // The declared type is the browser's guess from the name; the server must not trust it.
            file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? "application/pdf" : "application/octet-stream");
            form.Add(file, material, name);
        }
    }

    private static byte[] Pad(string text, int padTo)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return bytes.Length >= padTo ? bytes : [.. bytes, .. new byte[padTo - bytes.Length]];
    }
}
