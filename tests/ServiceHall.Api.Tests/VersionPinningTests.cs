using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>A case keeps the workflow version it was opened on; a newly published version applies to new cases only.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class VersionPinningTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task AnOpenCaseFollowsItsVersionWhileNewCasesFollowTheNewOne()
    {
        var designer = await _walker.AsAsync("designer");
        var published = await designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/servicehall-standard?versionOptions=Published");
        Assert.Equal(HttpStatusCode.OK, published.Status);
        var oldVersion = published.Json["version"]!.GetValue<int>();

        var onOld = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        var save = await designer.PostAsync("/elsa/api/workflow-definitions", new { model = WithSecondCheck(published.Json), publish = true });
        Assert.True(save.Status == HttpStatusCode.OK, save.ToString());
        var newVersion = save.Json["workflowDefinition"]!["version"]!.GetValue<int>();
        Assert.Equal(oldVersion + 1, newVersion);
        Assert.True(save.Json["workflowDefinition"]!["isPublished"]!.GetValue<bool>());

        var onNew = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        foreach (var id in new[] { onOld, onNew })
        {
            await _walker.ActAsync(id, "clerk", "accept");
            await _walker.ActAsync(id, "reviewer", "pass");
        }

        var old = await _walker.GetAsync(onOld);
        var current = await _walker.GetAsync(onNew);
        Assert.Equal(oldVersion, old["workflow"]!["version"]!.GetValue<int>());
        Assert.Equal(newVersion, current["workflow"]!["version"]!.GetValue<int>());
        Assert.Equal("back-office-review", CaseWalker.Stage(old));
        Assert.Equal("formal-review", CaseWalker.Stage(current));
        Assert.Equal("复核 Second check", current["openSteps"]![0]!["name"]!.GetValue<string>());
        Assert.DoesNotContain(old["journal"]!.AsArray().SelectMany(e => e!["steps"]!.AsArray()), s => s!["activity"]!.GetValue<string>().Contains("formal-2", StringComparison.Ordinal) || s["activity"]!.GetValue<string>().Contains("复核", StringComparison.Ordinal));

        // Put the shipped definition back for the other tests sharing this silo.
        var restore = await designer.PostAsync("/elsa/api/workflow-definitions", new { model = published.Json.DeepClone(), publish = true });
        Assert.Equal(HttpStatusCode.OK, restore.Status);
    }

    [Fact]
    public async Task PublishingADefinitionThatDoesNotValidateIsRefusedNamingTheActivity()
    {
        var designer = await _walker.AsAsync("designer");
        var latest = (await designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/servicehall-instant")).Json;
        var broken = latest.DeepClone();
        broken["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "mystery", ["type"] = "Elsa.NoSuchActivity", ["version"] = 1 });

        var reply = await designer.PostAsync("/elsa/api/workflow-definitions", new { model = broken, publish = true });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(reply.Json["validationErrors"]!.AsArray(), e => e!["activityId"]?.GetValue<string>() == "mystery");
        var after = (await designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/servicehall-instant")).Json;
        Assert.Equal(latest["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
    }

    /// <summary>v2: a second check (复核) between formal review and the department review.</summary>
    private static JsonNode WithSecondCheck(JsonNode definition)
    {
        var copy = definition.DeepClone();
        var root = copy["root"]!;
        var activities = root["activities"]!.AsArray();
        var formal = activities.Single(a => a!["id"]!.GetValue<string>() == "formal")!;
        var second = formal.DeepClone();
        second["id"] = "formal-2";
        second["name"] = "FormalReview2";
        second["nodeId"] = null;
        second["metadata"]!["displayText"] = "复核 Second check";
        activities.Add(second);

        var connections = root["connections"]!.AsArray();
        var passed = connections.Single(c => c!["source"]!["activity"]!.GetValue<string>() == "formal" && c["source"]!["port"]!.GetValue<string>() == "Passed")!;
        passed["target"]!["activity"] = "formal-2";
        connections.Add(Connection("formal-2", "Passed", "review"));
        connections.Add(Connection("formal-2", "CorrectionRequested", "notice-formal"));
        return copy;
    }

    private static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
