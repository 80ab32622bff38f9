using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 20: a staff action sent with <c>Prefer: return=minimal</c> (RFC 7240), as the pages' action forms send it,
/// answers with id, status, stage and version (ETag too) instead of the full case; without it the full case comes back
/// as before, and a refusal is the same problem either way.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class MinimalReturnTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task AMinimalAnswerCarriesIdStatusStageAndVersionOnly()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        using var accepted = await ActAsync(id, "accept", """{"comment":"材料齐全"}""", prefer: "return=minimal", key: "minimal-accept-1");
        var summary = await BodyAsync(accepted);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(["id", "status", "stage", "version"], summary.AsObject().Select(member => member.Key));
        Assert.Equal(id, summary["id"]!.GetValue<string>());
        Assert.Equal("return=minimal", accepted.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal($"\"{summary["version"]!.GetValue<long>()}\"", accepted.Headers.ETag?.Tag);

        // The same state the full view reports.
        var full = await _walker.GetAsync(id);
        Assert.Equal(CaseWalker.Status(full), summary["status"]!.GetValue<string>());
        Assert.Equal(CaseWalker.Stage(full), summary["stage"]!.GetValue<string>());
        Assert.Equal(CaseWalker.Version(full), summary["version"]!.GetValue<long>());

        // A repeated key replays the first result in the shape asked for, marked as a replay.
        using var replayed = await ActAsync(id, "accept", """{"comment":"材料齐全"}""", prefer: "return=minimal", key: "minimal-accept-1");
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(summary.ToJsonString(), (await BodyAsync(replayed)).ToJsonString());
    }

    [Fact]
    public async Task WithoutThePreferenceTheAnswerIsTheFullCase()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        using var accepted = await ActAsync(id, "accept", "{}", prefer: null);
        var view = await BodyAsync(accepted);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.False(accepted.Headers.Contains("Preference-Applied"));
        Assert.NotNull(view["journal"]);
        Assert.NotNull(view["availableActions"]);

        // Another preference alone changes nothing.
        using var passed = await ActAsync(id, "pass", "{}", prefer: "respond-async", user: "reviewer");
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.NotNull((await BodyAsync(passed))["journal"]);
    }

    [Fact]
    public async Task ARefusalIsTheSameProblemWithOrWithoutThePreference()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        using var plain = await ActAsync(id, "approve", "{}", prefer: null, user: "reviewer");
        using var minimal = await ActAsync(id, "approve", "{}", prefer: "handling=lenient, return=minimal", user: "reviewer");

        var (plainBody, minimalBody) = (await BodyAsync(plain), await BodyAsync(minimal));
        Assert.True((int)plain.StatusCode is >= 400 and < 500, $"{plain.StatusCode} {plainBody}");
        Assert.Equal(plain.StatusCode, minimal.StatusCode);
        Assert.False(minimal.Headers.Contains("Preference-Applied"));
        Assert.Equal(plainBody["code"]?.ToJsonString(), minimalBody["code"]?.ToJsonString());
        Assert.Equal(plainBody["availableActions"]?.ToJsonString(), minimalBody["availableActions"]?.ToJsonString());
    }

    private async Task<HttpResponseMessage> ActAsync(string id, string action, string json, string? prefer, string user = "clerk", string? key = null)
    {
        var client = await _walker.AsAsync(user);
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{id}/actions/{action}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.AccessToken);
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
