using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// The README's walk-through, call by call with its own request bodies: each answer is what it says, and no answer
/// hides JSON inside a string (a client parses once; open step data and journal facts are objects).
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class ReadmeWalkthroughTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task TheReadmeWalkthroughAnswersWithoutJsonInsideStrings()
    {
        var token = await _walker.Anonymous.PostAsync("/api/auth/token", null, rawBody: """{"username":"clerk","password":"servicehall"}""");
        Check("token", token);
        var clerk = await _walker.AsAsync("clerk");
        var reviewer = await _walker.AsAsync("reviewer");

        var opened = Check("open", await clerk.PostAsync("/api/cases", null, rawBody: """
            {
              "serviceItemCode": "GZ-SCJG-002", "channel": "window",
              "applicant": {"name": "张三", "idNumber": "11010519491231002X", "phone": "13800138000",
                            "organization": "广州示例贸易有限公司", "organizationCode": "91440101MA59XXXX1K"},
              "materials": [{"code": "application-form", "form": "original"},
                            {"code": "business-licence-copy", "form": "e-licence", "eLicenceNumber": "91440101MA59XXXX1K"}],
              "delivery": {"method": "window"}}
            """), HttpStatusCode.Created);
        var id = opened["id"]!.GetValue<string>();
        var code = opened["trackingCode"]!.GetValue<string>();
        var openEntry = opened["case"]!["journal"]![0]!;
        Assert.Equal(("opened", "1", "91440101MA59XXXX1K"),
            (openEntry["kind"]!.GetValue<string>(), openEntry["args"]!["eLicences"]!.GetValue<string>(), openEntry["args"]!["eLicenceNumbers"]!.GetValue<string>()));

        async Task<JsonNode> Act(ApiClient who, string action, string body = "{}") =>
            Check(action, await who.PostAsync($"/api/cases/{id}/actions/{action}", null, rawBody: body));

        // Both materials missing from the opening are asked for at once (一次性告知), as the README walks it.
        await Act(clerk, "request-correction", """{"deficiencies": [{"materialCode": "change-resolution", "problem": "缺少股东会决议"}, {"materialCode": "amended-articles", "problem": "缺少章程修正案"}]}""");
        // "openSteps[0].data lists the deficiency ids": an object, read without a second parse.
        var notice = Check("get", await clerk.GetAsync($"/api/cases/{id}"))["openSteps"]![0]!["data"]!;
        var deficiency = notice["deficiencies"]![0]!;
        Assert.Equal(("r1-d1", "change-resolution", "缺少股东会决议", 1),
            (deficiency["id"]!.GetValue<string>(), deficiency["materialCode"]!.GetValue<string>(), deficiency["problem"]!.GetValue<string>(),
                notice["round"]!.GetValue<int>()));
        Assert.NotNull(notice["dueAt"]);

        await Act(clerk, "resubmit", """{"answers": [{"deficiencyId": "r1-d1", "note": "已补交"}, {"deficiencyId": "r1-d2", "note": "已补交"}]}""");
        await Act(clerk, "accept", """{"comment": "材料齐全"}""");
        var passed = await Act(reviewer, "pass");
        // A department's review step says which department and plan part it stands for.
        var review = passed["openSteps"]!.AsArray().Single(s => s!["actions"]!.AsArray().Any(a => a!.GetValue<string>() == "approve"))!["data"]!;
        Assert.Equal("market-regulation", review["department"]!.GetValue<string>());
        Assert.Null(review["deficiencies"]);
        await Act(reviewer, "approve", """{"opinion": "符合条件"}""");
        await Act(clerk, "issue-certificate", """{"form": "paper"}""");
        await Act(clerk, "notify-pickup");
        var done = await Act(clerk, "picked-up", """{"collector": "applicant", "idNumber": "11010519491231002X"}""");
        Assert.Equal(("completed", "closed"), (done["status"]!.GetValue<string>(), done["stage"]!.GetValue<string>()));
        var correction = done["journal"]!.AsArray().Single(e => e!["action"]!.GetValue<string>() == "request-correction")!;
        Assert.Equal(("step", "2"), (correction["kind"]!.GetValue<string>(), correction["args"]!["deficiencies"]!.GetValue<string>()));
        Assert.All(done["journal"]!.AsArray(), e => Assert.Null(e!["summary"]));

        var tracked = Check("track", await _walker.Anonymous.GetAsync($"/api/track/{code}"));
        Assert.Equal("completed", tracked["status"]!.GetValue<string>());
        foreach (var path in new[] { $"/api/cases/{id}/documents/receipt?format=pdf", $"/api/cases/{id}/documents/correction-notice?format=html" })
        {
            Assert.Equal(HttpStatusCode.OK, (await clerk.DownloadAsync(path)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await _walker.Anonymous.DownloadAsync($"/api/track/{code}/documents/certificate?format=pdf")).Status);
    }

    [Fact]
    public async Task TheOpenApiDocumentShowsTypedStepDataAndStructuredJournal()
    {
        var schemas = Check("openapi", await _walker.Anonymous.GetAsync("/openapi/v1.json"))["components"]!["schemas"]!;
        var step = Properties(schemas, "OpenStepView");
        Assert.Contains("data", step);
        Assert.DoesNotContain("dataJson", step);
        Assert.Superset(new HashSet<string> { "round", "dueAt", "deficiencies" }, Properties(schemas, "OpenStepData"));
        Assert.Superset(new HashSet<string> { "id", "materialCode", "problem" }, Properties(schemas, "DeficiencyView"));
        Assert.Superset(new HashSet<string> { "kind", "args", "steps" }, Properties(schemas, "CaseJournalEntry"));
        Assert.Superset(new HashSet<string> { "event", "activity", "outcomes" }, Properties(schemas, "CaseJournalStep"));
    }

    private static HashSet<string> Properties(JsonNode schemas, string name)
    {
        var schema = schemas[name] ?? throw new Xunit.Sdk.XunitException($"/openapi/v1.json has no schema {name}");
        return [.. schema["properties"]!.AsObject().Select(p => p.Key)];
    }

    /// <summary>The answer has the expected status and no string member that is JSON (an object or array) in disguise.</summary>
    private static JsonNode Check(string call, Reply reply, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(reply.Status == expected, $"{call}: {reply}");
        var hidden = new List<string>();
        FindJsonInStrings(reply.Json, "$", hidden);
        Assert.True(hidden.Count == 0, $"{call}: strings holding JSON at {string.Join(", ", hidden)}");
        return reply.Json;
    }

    private static void FindJsonInStrings(JsonNode? node, string path, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    FindJsonInStrings(value, $"{path}.{key}", found);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    FindJsonInStrings(array[i], $"{path}[{i}]", found);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && ParsesAsContainer(text):
                found.Add(path);
                break;
        }
    }

    private static bool ParsesAsContainer(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject or JsonArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
