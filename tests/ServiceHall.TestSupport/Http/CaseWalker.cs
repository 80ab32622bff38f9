using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Grains.Catalog;
using Xunit;

namespace ServiceHall.TestSupport;

/// <summary>Drives cases through the public HTTP contract as the hall's staff and applicants would.</summary>
public sealed class CaseWalker(string baseUrl) : IDisposable
{
    private readonly Dictionary<string, ApiClient> _staff = [];

    public ApiClient Anonymous { get; } = new(baseUrl);

    public async Task<ApiClient> AsAsync(string username)
    {
        if (!_staff.TryGetValue(username, out var client))
        {
            client = await new ApiClient(baseUrl).SignInAsync(username);
            _staff[username] = client;
        }

        return client;
    }

    /// <param name="complete">
    /// Every required material of the shipped item handed in (the licence copy as the demo e-licence, the ID-card copy
    /// waived), so the clerk may accept it as complete; false hands in the application form only.
    /// </param>
    public static object Application(string item, string channel = "window", string? window = null, object? delivery = null, int applicant = 0, bool complete = true) => new
    {
        serviceItemCode = item,
        channel,
        window,
        applicant = new { name = "张三丰", idNumber = ApiClient.ValidIdNumbers[applicant], phone = "13800138000", organization = "广州示例贸易有限公司", organizationCode = DemoLicence },
        materials = complete ? CompleteMaterials(item) : [new SubmittedMaterialBody("application-form", "original", null)],
        delivery = delivery ?? new { method = "window" },
    };

    private const string DemoLicence = "91440101MA59XXXX1K";

    private static SubmittedMaterialBody[] CompleteMaterials(string item) =>
        (CatalogSeed.Items.FirstOrDefault(i => i.Code == item)?.Materials ?? [])
            .Where(m => !m.Optional && m.Waiver != "id-card")
            .Select(m => m.Waiver == "e-licence"
                ? new SubmittedMaterialBody(m.Code, "e-licence", DemoLicence)
                : new SubmittedMaterialBody(m.Code, "original", null))
            .DefaultIfEmpty(new SubmittedMaterialBody("application-form", "original", null))
            .ToArray();

    private sealed record SubmittedMaterialBody(
        string Code, string Form,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ELicenceNumber);

    /// <summary>
    /// A key project in <paramref name="district"/> at the key-project window: its coordinator is chosen among that
    /// district's, so a test acting as one of them is not refused when the least-loaded rule picks another district.
    /// </summary>
    public static JsonObject KeyProject(string item, string district)
    {
        var application = JsonSerializer.SerializeToNode(Application(item, "key-project", window: "key-project"), JsonSerializerOptions.Web)!.AsObject();
        application["district"] = district;
        return application;
    }

    public async Task<JsonNode> OpenAsync(object application, string clerk = "clerk")
    {
        var reply = await (await AsAsync(clerk)).PostAsync("/api/cases", application);
        Assert.True(reply.Status == HttpStatusCode.Created, $"open: {reply}");
        return reply.Json["case"]!;
    }

    public async Task<JsonNode> ActAsync(string caseId, string user, string action, object? body = null)
    {
        var reply = await (await AsAsync(user)).PostAsync($"/api/cases/{caseId}/actions/{action}", body ?? new { });
        Assert.True(reply.Status == HttpStatusCode.OK, $"{user} {action}: {reply}");
        return reply.Json;
    }

    public async Task<JsonNode> GetAsync(string caseId, string user = "admin")
    {
        var reply = await (await AsAsync(user)).GetAsync($"/api/cases/{caseId}");
        Assert.True(reply.Status == HttpStatusCode.OK, $"get: {reply}");
        return reply.Json;
    }

    /// <summary>Answers every deficiency of the open correction notice, as the clerk or (tracking code) the applicant.</summary>
    public async Task<JsonNode> ResubmitAsync(JsonNode caseView, string? clerk = null)
    {
        var step = caseView["openSteps"]!.AsArray().First(s => s!["actions"]!.AsArray().Any(a => a!.GetValue<string>() == "resubmit"))!;
        var data = step["data"]!;
        var answers = data["deficiencies"]!.AsArray().Select(d => new { deficiencyId = d!["id"]!.GetValue<string>(), note = "已补正" }).ToArray();
        if (clerk is not null)
        {
            return await ActAsync(caseView["id"]!.GetValue<string>(), clerk, "resubmit", new { answers });
        }

        var reply = await Anonymous.PostAsync($"/api/track/{caseView["trackingCode"]!.GetValue<string>()}/actions/resubmit", new { answers });
        Assert.True(reply.Status == HttpStatusCode.OK, $"applicant resubmit: {reply}");
        return await GetAsync(caseView["id"]!.GetValue<string>());
    }

    /// <summary>The board is fed one-way after each change; waits (briefly) until it shows this case at this version.</summary>
    public async Task<JsonNode> WaitForBoardAsync(JsonNode caseView, string user = "admin")
    {
        var number = caseView["number"]!.GetValue<string>();
        var version = caseView["version"]!.GetValue<long>();
        var client = await AsAsync(user);
        return (await Eventually.UntilAsync(
            async () => (await client.GetAsync($"/api/cases?q={number}")).Json["items"]!.AsArray().FirstOrDefault(i => i!["number"]!.GetValue<string>() == number),
            row => row is not null && row["version"]!.GetValue<long>() >= version,
            $"case {number} v{version} on the board", describe: row => row?.ToJsonString() ?? "not listed"))!;
    }

    /// <summary>
    /// The case's messages in the SMS outbox (the admin's <c>/api/outbox</c>), once every message the case has queued
    /// reached it: a command is answered when its write is durable, and the gateway gets the messages just after.
    /// </summary>
    public async Task<List<JsonNode>> MessagesOfAsync(string caseId)
    {
        var admin = await AsAsync("admin");
        await Eventually.UntilAsync(() => GetAsync(caseId), view => view["messagesPending"]!.GetValue<int>() == 0,
            $"case {caseId}'s queued messages reach the gateway", describe: view => $"{view["messagesPending"]} pending");
        var outbox = await admin.GetAsync($"/api/outbox?caseId={caseId}");
        Assert.True(outbox.Status == HttpStatusCode.OK, $"outbox: {outbox}");
        return [.. outbox.Json.AsArray().Select(m => m!["message"]!)];
    }

    /// <summary>
    /// Waits until the public check knows certificate <paramref name="number"/>: a command that issues one is answered
    /// once its own write is durable, and the register entry is written in the case's next turn.
    /// </summary>
    public Task RegisteredAsync(string number) =>
        Eventually.UntilAsync(async () => (await Anonymous.GetAsync($"/api/certificates/{number}/verify")).Json["status"]!.GetValue<string>(),
            status => status != "unknown", $"certificate {number} reaches the register", describe: status => status);

    public static string Id(JsonNode view) => view["id"]!.GetValue<string>();

    public static string Stage(JsonNode view) => view["stage"]!.GetValue<string>();

    public static string Status(JsonNode view) => view["status"]!.GetValue<string>();

    public static long Version(JsonNode view) => view["version"]!.GetValue<long>();

    /// <summary>The journal's sequence numbers run 1, 2, 3 … without a gap.</summary>
    public static void AssertJournalGapFree(JsonNode view)
    {
        var sequences = view["journal"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    public void Dispose()
    {
        Anonymous.Dispose();
        foreach (var client in _staff.Values)
        {
            client.Dispose();
        }
    }
}
