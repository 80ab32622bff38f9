using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Malformed and unauthorised requests: each answers its status with an RFC 9457 body naming the field, and the
/// cases are exactly as before.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class BadInputTests(SiloFixture silo) : IAsyncLifetime
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private string _atAcceptance = "";
    private string _atReview = "";
    private string _trackingCode = "";

    public static TheoryData<string> Rows => [.. BadRequests.All.Keys];

    public async Task InitializeAsync()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        _atAcceptance = CaseWalker.Id(opened);
        _trackingCode = opened["trackingCode"]!.GetValue<string>();
        _atReview = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        await _walker.ActAsync(_atReview, "clerk", "accept");
        var atReview = await _walker.ActAsync(_atReview, "reviewer", "pass");

        // The board is fed one-way; the snapshots compare its totals, so let it catch up first.
        await _walker.WaitForBoardAsync(opened);
        await _walker.WaitForBoardAsync(atReview);
    }

    public Task DisposeAsync()
    {
        _walker.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task IsRefusedWithProblemDetailsNamingTheFieldAndChangesNothing(string row)
    {
        var request = BadRequests.All[row];
        var before = await SnapshotAsync();
        var client = request.User is null ? _walker.Anonymous : await _walker.AsAsync(request.User);

        var path = request.Path.Replace("{acceptance}", _atAcceptance).Replace("{review}", _atReview).Replace("{tracking}", _trackingCode);
        var reply = request.Token is { } token
            ? await SendWithTokenAsync(path, request, token)
            : await client.SendAsync(request.Method, path, request.Body, request.IdempotencyKey, request.IfMatch, request.RawBody);

        Assert.True(reply.Status == request.Status, $"{row}: expected {(int)request.Status}, got {reply}");
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal((int)request.Status, reply.Json["status"]!.GetValue<int>());
        Assert.True(reply.Field == request.Field, $"{row}: expected field '{request.Field}', got {reply}");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public void TheTableHasAtLeastThirtyRows() => Assert.True(BadRequests.All.Count >= 30, $"{BadRequests.All.Count} rows");

    private async Task<string> SnapshotAsync()
    {
        var admin = await _walker.AsAsync("admin");
        var list = await admin.GetAsync("/api/cases");
        var a = await _walker.GetAsync(_atAcceptance);
        var b = await _walker.GetAsync(_atReview);
        var item = await _walker.Anonymous.GetAsync("/api/catalog/items/GZ-SCJG-002");
        return $"{list.Json["total"]} | {a.ToJsonString()} | {b.ToJsonString()} | {item.Json.ToJsonString()}";
    }

    private async Task<Reply> SendWithTokenAsync(string path, BadRequest request, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var message = new HttpRequestMessage(request.Method, path)
        {
            Content = new StringContent(request.RawBody ?? "{}", System.Text.Encoding.UTF8, "application/json"),
        };
        message.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed record BadRequest(
    string? User, HttpMethod Method, string Path, HttpStatusCode Status, string Field,
    object? Body = null, string? RawBody = null, string? IdempotencyKey = null, string? IfMatch = null, string? Token = null);

internal static class BadRequests
{
    private static object Application(
        string item = "GZ-SCJG-002", string channel = "window", object? applicant = null, object? materials = null,
        object? delivery = null, string? hall = null, string? window = null) => new
        {
            serviceItemCode = item,
            channel,
            hall,
            window,
            applicant = applicant ?? new { name = "王五", idNumber = ApiClient.ValidIdNumbers[2], phone = "13700001111" },
            materials = materials ?? new object[] { new { code = "application-form", form = "original" } },
            delivery = delivery ?? new { method = "window" },
        };

    private static BadRequest Open(string field, HttpStatusCode status, object? body = null, string? raw = null, string user = "clerk") =>
        new(user, HttpMethod.Post, "/api/cases", status, field, body, raw);

    private static BadRequest Act(string user, string action, HttpStatusCode status, string field, object? body = null, string? raw = null,
        string target = "{acceptance}", string? idempotencyKey = null, string? ifMatch = null) =>
        new(user, HttpMethod.Post, $"/api/cases/{target}/actions/{action}", status, field, body ?? (raw is null ? new { } : null), raw, idempotencyKey, ifMatch);

    public static readonly IReadOnlyDictionary<string, BadRequest> All = new Dictionary<string, BadRequest>
    {
        ["open: malformed JSON"] = Open("body", HttpStatusCode.BadRequest, raw: "{\"serviceItemCode\":"),
        ["open: body is an array"] = Open("body", HttpStatusCode.BadRequest, raw: "[]"),
        ["open: empty body"] = Open("body", HttpStatusCode.BadRequest, raw: " "),
        ["open: applicant missing"] = Open("applicant", HttpStatusCode.BadRequest, new { serviceItemCode = "GZ-SCJG-002", channel = "window" }),
        ["open: applicant is a string"] = Open("applicant", HttpStatusCode.BadRequest, raw: "{\"serviceItemCode\":\"GZ-SCJG-002\",\"channel\":\"window\",\"applicant\":\"张三\"}"),
        ["open: service item missing"] = Open("serviceItemCode", HttpStatusCode.BadRequest, Application(item: "")),
        ["open: unknown channel"] = Open("channel", HttpStatusCode.BadRequest, Application(channel: "fax")),
        ["open: bad ID number"] = Open("applicant.idNumber", HttpStatusCode.BadRequest, Application(applicant: new { name = "王五", idNumber = "440106199003071234", phone = "13700001111" })),
        ["open: bad phone"] = Open("applicant.phone", HttpStatusCode.BadRequest, Application(applicant: new { name = "王五", idNumber = ApiClient.ValidIdNumbers[2], phone = "020-12345678" })),
        ["open: empty name"] = Open("applicant.name", HttpStatusCode.BadRequest, Application(applicant: new { name = " ", idNumber = ApiClient.ValidIdNumbers[2], phone = "13700001111" })),
        ["open: unknown material form"] = Open("materials[0].form", HttpStatusCode.BadRequest, Application(materials: new[] { new { code = "application-form", form = "scan" } })),
        ["open: e-licence without number"] = Open("materials[0].eLicenceNumber", HttpStatusCode.BadRequest, Application(materials: new[] { new { code = "business-licence-copy", form = "e-licence" } })),
        ["open: material listed twice"] = Open("materials[1].code", HttpStatusCode.BadRequest, Application(materials: new[] { new { code = "application-form", form = "original" }, new { code = "application-form", form = "copy" } })),
        ["open: unknown delivery method"] = Open("delivery.method", HttpStatusCode.BadRequest, Application(delivery: new { method = "drone" })),
        ["open: EMS without address"] = Open("delivery.address", HttpStatusCode.BadRequest, Application(delivery: new { method = "ems" })),
        ["open: unknown service item"] = Open("serviceItemCode", HttpStatusCode.UnprocessableEntity, Application(item: "GZ-NOPE-999")),
        ["open: channel not allowed for the item"] = Open("channel", HttpStatusCode.UnprocessableEntity, Application(channel: "instant", window: "instant")),
        ["open: material the item does not ask for"] = Open("materials[0].code", HttpStatusCode.UnprocessableEntity, Application(materials: new[] { new { code = "birth-certificate", form = "copy" } })),
        ["open: e-licence for a paper-only material"] = Open("materials[0].form", HttpStatusCode.UnprocessableEntity, Application(materials: new[] { new { code = "application-form", form = "e-licence", eLicenceNumber = "X1" } })),
        ["open: unknown window"] = Open("window", HttpStatusCode.UnprocessableEntity, Application(window: "window-99")),
        ["open: window of another channel"] = Open("channel", HttpStatusCode.UnprocessableEntity, Application(window: "nansha")),
        ["open: cross-city at a general window"] = Open("window", HttpStatusCode.UnprocessableEntity, Application(item: "GZ-SCJG-101", channel: "cross-city")),
        ["open: another hall than the clerk's"] = Open("hall", HttpStatusCode.Forbidden, Application(hall: "qy")),
        ["open: a reviewer opens a case"] = Open("role", HttpStatusCode.Forbidden, Application(), user: "reviewer"),
        ["open: no token"] = new(null, HttpMethod.Post, "/api/cases", HttpStatusCode.Unauthorized, "Authorization", Application()),
        ["open: forged token"] = new(null, HttpMethod.Post, "/api/cases", HttpStatusCode.Unauthorized, "Authorization", Token: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl"),
        ["act: reviewer tries the clerk's accept"] = Act("reviewer", "accept", HttpStatusCode.Forbidden, "role"),
        ["act: reviewer of department B approves department A's step"] = Act("reviewer2", "approve", HttpStatusCode.Forbidden, "scope", target: "{review}"),
        ["act: unknown action"] = Act("clerk", "teleport", HttpStatusCode.Conflict, "action"),
        ["act: approving without an opinion"] = Act("reviewer", "approve", HttpStatusCode.UnprocessableEntity, "opinion", new { opinion = " " }, target: "{review}"),
        ["act: action not available at this stage"] = Act("reviewer", "approve", HttpStatusCode.Conflict, "action"),
        ["act: malformed body"] = Act("clerk", "accept", HttpStatusCode.BadRequest, "body", raw: "{\"comment\": }"),
        ["act: body is not an object"] = Act("clerk", "accept", HttpStatusCode.BadRequest, "body", raw: "[1,2]"),
        ["act: correction without deficiencies"] = Act("clerk", "request-correction", HttpStatusCode.BadRequest, "deficiencies", new { deficiencies = Array.Empty<object>() }),
        ["act: a member the action input does not have"] = Act("clerk", "accept", HttpStatusCode.BadRequest, "remark", new { remark = "材料齐全" }),
        ["act: a deficiency's problem is a number"] = Act("clerk", "request-correction", HttpStatusCode.BadRequest, "deficiencies[1].problem",
            raw: "{\"deficiencies\":[{\"problem\":\"缺页\"},{\"problem\":5}]}"),
        ["act: an unknown member inside a routing step"] = Act("clerk", "accept", HttpStatusCode.BadRequest, "groups[0].steps[0].room",
            raw: "{\"groups\":[{\"steps\":[{\"department\":\"market-regulation\",\"room\":\"3\"}]}]}"),
        ["act: a stepId that is not text"] = Act("clerk", "accept", HttpStatusCode.BadRequest, "stepId", raw: "{\"stepId\":7}"),
        ["track: a member the applicant's action does not have"] = new(null, HttpMethod.Post, "/api/track/{tracking}/actions/withdraw",
            HttpStatusCode.BadRequest, "why", new { why = "不办了" }),
        ["act: stale If-Match"] = Act("clerk", "accept", HttpStatusCode.PreconditionFailed, "If-Match", ifMatch: "\"99\""),
        ["act: unreadable If-Match"] = Act("clerk", "accept", HttpStatusCode.BadRequest, "If-Match", ifMatch: "\"abc\""),
        ["act: unknown case"] = Act("clerk", "accept", HttpStatusCode.NotFound, "id", target: "123"),
        ["act: cancel without a reason"] = Act("clerk", "cancel", HttpStatusCode.BadRequest, "reason"),
        ["act: unknown step id"] = Act("clerk", "accept", HttpStatusCode.UnprocessableEntity, "stepId", new { stepId = "step-404" }),
        ["act: no token"] = new(null, HttpMethod.Post, "/api/cases/{acceptance}/actions/accept", HttpStatusCode.Unauthorized, "Authorization", new { }),
        ["track: applicant tries the clerk's accept"] = new(null, HttpMethod.Post, "/api/track/{tracking}/actions/accept", HttpStatusCode.Forbidden, "role", new { }),
        ["track: unknown tracking code"] = new(null, HttpMethod.Get, "/api/track/ZZZZZZZZZZZZZZZZ", HttpStatusCode.NotFound, "trackingCode"),
        ["read: reviewer of another department"] = new("reviewer2", HttpMethod.Get, "/api/cases/{acceptance}", HttpStatusCode.Forbidden, "scope"),
        ["read: clerk asks for another hall's board"] = new("clerk", HttpMethod.Get, "/api/cases?hall=qy", HttpStatusCode.Forbidden, "hall"),
        ["read: page zero"] = new("clerk", HttpMethod.Get, "/api/cases?page=0", HttpStatusCode.BadRequest, "page"),
        ["catalogue: unknown item"] = new(null, HttpMethod.Get, "/api/catalog/items/GZ-NOPE-1", HttpStatusCode.NotFound, "code"),
        ["catalogue: a clerk edits an item"] = new("clerk", HttpMethod.Put, "/api/catalog/items/GZ-SCJG-002", HttpStatusCode.Forbidden, "role", new { }),
        ["catalogue: time limit out of range"] = new("admin", HttpMethod.Put, "/api/catalog/items/GZ-SCJG-002", HttpStatusCode.UnprocessableEntity, "timeLimitDays", new
        {
            code = "GZ-SCJG-002", nameZh = "内资公司变更登记", nameEn = "Domestic company change registration", department = "market-regulation",
            materials = Array.Empty<object>(), timeLimitDays = 0, channels = new[] { "window" }, workflowDefinitionId = "servicehall-standard",
        }),
        ["auth: wrong password"] = new(null, HttpMethod.Post, "/api/auth/token", HttpStatusCode.Unauthorized, "password", new { username = "clerk", password = "guess" }),
        ["auth: username missing"] = new(null, HttpMethod.Post, "/api/auth/token", HttpStatusCode.BadRequest, "username", new { password = "servicehall" }),
    };
}
