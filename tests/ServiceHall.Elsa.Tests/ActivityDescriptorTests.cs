using System.Net;
using System.Text.Json.Nodes;
using static ServiceHall.Elsa.Tests.StudioRequests;

namespace ServiceHall.Elsa.Tests;

/// <summary>
/// The toolbox: every engine activity, ServiceHall's in one group with labelled ports and directory dropdowns; and the
/// placeholders that keep a definition with an unknown activity from rendering blank and being autosaved over.
/// </summary>
[Collection(ElsaSiloCollection.Name)]
public sealed class ActivityDescriptorTests(ElsaSilo silo) : DesignerTest(silo)
{
    [Fact]
    public async Task EveryEngineActivityIsListedAndServiceHallOnesShareAGroupWithLabelledPorts()
    {
        var descriptors = await DescriptorsAsync();

        foreach (var type in new[] { "Elsa.Start", "Elsa.End", "Elsa.Flowchart", "Elsa.FlowDecision", "Elsa.FlowFork", "Elsa.FlowJoin", "Elsa.SetVariable", "Elsa.Delay" })
        {
            Assert.Contains(type, descriptors.Keys);
        }

        var ours = descriptors.Values.Where(d => d["typeName"]!.GetValue<string>().StartsWith("ServiceHall.", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, ours.Count);
        Assert.All(ours, d =>
        {
            Assert.Equal("Service Hall", d["category"]!.GetValue<string>());
            Assert.True(d["isBrowsable"]!.GetValue<bool>());
            Assert.Equal(1, d["version"]!.GetValue<int>());
            Assert.All(d["ports"]!.AsArray(), p => Assert.False(string.IsNullOrWhiteSpace(p!["displayName"]?.GetValue<string>())));
            Assert.All(d["inputs"]!.AsArray(), i => Assert.True(i!["isBrowsable"]!.GetValue<bool>()));
        });
        Assert.Equal(["Accepted", "CorrectionRequested", "Rejected"],
            descriptors["ServiceHall.Acceptance"]["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.True(descriptors["Elsa.Start"]["isStart"]!.GetValue<bool>());
        Assert.True(descriptors["Elsa.End"]["isTerminal"]!.GetValue<bool>());
        Assert.False(descriptors["Elsa.Flowchart"]["isBrowsable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DepartmentsComeFromTheCatalogueAndRolesFromTheStaffDirectory()
    {
        var descriptors = await DescriptorsAsync();
        var formal = descriptors["ServiceHall.FormalReview"]["inputs"]!.AsArray();

        var department = Values(Input(formal, "Department"));
        Assert.Contains("market-regulation", department);
        Assert.Contains("qy-market-regulation", department);
        Assert.Contains("", department);

        var roles = Values(Input(formal, "Role"));
        Assert.Contains("reviewer", roles);
        Assert.Contains("clerk", roles);
        Assert.DoesNotContain("designer", roles);

        var halls = Values(Input(descriptors["ServiceHall.Acceptance"]["inputs"]!.AsArray(), "Hall"));
        Assert.Equal(["", "gz", "qy", "mz"], halls);
        Assert.Contains("applicant", Values(Input(descriptors["ServiceHall.Notify"]["inputs"]!.AsArray(), "Recipient")));
        Assert.Contains("tianhe", Values(Input(descriptors["ServiceHall.CoordinatorRouting"]["inputs"]!.AsArray(), "District")));
    }

    [Fact]
    public async Task AnUnknownStoredActivityGetsAPlaceholderAndASaveDroppingItIsRefused()
    {
        var definitionId = await DefinitionFlowTests.CreateDraftAsync(Designer, "Unknown types");
        var draft = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Expect(HttpStatusCode.OK);
        var withUnknown = Resave(draft);
        Activities(withUnknown["model"]!).Add(JsonNode.Parse("""
            {"id":"e5d4c3b2a1f0e9d8","type":"Elsa.WriteLine","version":1,"name":"WriteLine1","text":{"typeName":"String","expression":{"type":"Literal","value":"hi"}}}
            """));
        Activities(withUnknown["model"]!).Add(JsonNode.Parse("""
            {"id":"f6e5d4c3b2a1f0e9","type":"ServiceHall.Acceptance","version":2,"name":"Acceptance2"}
            """));
        withUnknown["model"]!["root"]!["connections"]!.AsArray().Add(JsonNode.Parse("""
            {"source":{"activity":"f6e5d4c3b2a1f0e9","port":"Accepted"},"target":{"activity":"e5d4c3b2a1f0e9d8","port":"In"}}
            """));
        var stored = (await Designer.PostAsync("/elsa/api/workflow-definitions", withUnknown)).Expect(HttpStatusCode.OK)["workflowDefinition"]!;
        Assert.Equal(5, Activities(stored).Count);
        Assert.Equal("hi", Activity(stored, "e5d4c3b2a1f0e9d8")["text"]!["expression"]!["value"]!.GetValue<string>());

        var all = (await Designer.GetAsync("/elsa/api/descriptors/activities?Refresh=True")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        var writeLine = all.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.WriteLine")!;
        Assert.Equal((1, "Unavailable", false), (writeLine["version"]!.GetValue<int>(), writeLine["category"]!.GetValue<string>(), writeLine["isBrowsable"]!.GetValue<bool>()));
        var acceptance2 = all.Single(d => d!["typeName"]!.GetValue<string>() == "ServiceHall.Acceptance" && d["version"]!.GetValue<int>() == 2)!;
        Assert.Equal(["Accepted"], acceptance2["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));

        // A designer that drew the unknown activity as nothing would autosave the graph without it.
        var dropping = Resave(stored);
        Activities(dropping["model"]!).RemoveAt(Activities(dropping["model"]!).ToList().FindIndex(a => a!["id"]!.GetValue<string>() == "e5d4c3b2a1f0e9d8"));
        var refused = await Designer.PostAsync("/elsa/api/workflow-definitions", dropping);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Json["errors"]!.AsObject().ContainsKey("e5d4c3b2a1f0e9d8"), refused.ToString());

        var blank = Resave(stored);
        blank["model"]!["root"]!["activities"] = new JsonArray();
        blank["model"]!["root"]!["connections"] = new JsonArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await Designer.PostAsync("/elsa/api/workflow-definitions", blank)).Status);

        var after = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(5, Activities(after).Count);
        (await Designer.PostAsync("/elsa/api/workflow-definitions", Resave(after))).Expect(HttpStatusCode.OK);
    }

    private async Task<Dictionary<string, JsonNode>> DescriptorsAsync()
    {
        var items = (await Designer.GetAsync("/elsa/api/descriptors/activities?Refresh=True")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        return items.Where(d => d!["category"]!.GetValue<string>() != "Unavailable")
            .ToDictionary(d => d!["typeName"]!.GetValue<string>(), d => d!);
    }

    private static JsonNode Input(JsonArray inputs, string name)
    {
        var input = inputs.Single(i => i!["name"]!.GetValue<string>() == name)!;
        Assert.Equal("dropdown", input["uiHint"]!.GetValue<string>());
        return input;
    }

    private static List<string> Values(JsonNode input) =>
        [.. input["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>())];
}
