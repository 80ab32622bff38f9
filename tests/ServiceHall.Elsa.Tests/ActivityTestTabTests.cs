using System.Net;
using System.Text.Json.Nodes;
using static ServiceHall.Elsa.Tests.StudioRequests;

namespace ServiceHall.Elsa.Tests;

/// <summary>
/// The designer's activity "Test" tab (POST /elsa/api/tests/activities, 404 before issue 22): the activity's saved
/// inputs evaluated in the interpreter's sandbox, answered in Elsa's shape, changing nothing.
/// </summary>
[Collection(ElsaSiloCollection.Name)]
public sealed class ActivityTestTabTests(ElsaSilo silo) : DesignerTest(silo)
{
    [Fact]
    public async Task TestingAnActivityEvaluatesItsScriptInTheSandboxOrReportsWhereItFails()
    {
        var definitionId = await DefinitionFlowTests.CreateDraftAsync(Designer, "Test tab");
        var draft = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Expect(HttpStatusCode.OK);
        var edited = Resave(draft);
        edited["model"]!["variables"] = JsonNode.Parse("""[{"id":"v-total","name":"Total","typeName":"Int32","isArray":false,"value":"40","storageDriverTypeName":null}]""");
        Activities(edited["model"]!).Add(SetVariable("a1b2c3d4e5f60718", "getVariable('Total') + 2"));
        Activities(edited["model"]!).Add(SetVariable("b1b2c3d4e5f60718", "noSuchThing.value"));
        var saved = (await Designer.PostAsync("/elsa/api/workflow-definitions", edited)).Expect(HttpStatusCode.OK)["workflowDefinition"]!;
        var versionId = saved["id"]!.GetValue<string>();

        var passed = (await Designer.PostAsync("/elsa/api/tests/activities", Request(versionId, "a1b2c3d4e5f60718"))).Expect(HttpStatusCode.OK);
        Assert.Equal("Completed", passed["status"]!.GetValue<string>());
        Assert.Equal(42, passed["activityState"]!["value"]!.GetValue<int>());
        Assert.Equal("v-total", passed["activityState"]!["variable"]!["id"]!.GetValue<string>());

        var failed = (await Designer.PostAsync("/elsa/api/tests/activities", Request(versionId, "b1b2c3d4e5f60718"))).Expect(HttpStatusCode.OK);
        Assert.Equal("Faulted", failed["status"]!.GetValue<string>());
        var message = failed["exception"]!["message"]!.GetValue<string>();
        Assert.StartsWith("value: ", message);
        Assert.Contains("noSuchThing", message);
        Assert.Equal(message, failed["outputs"]!["fault"]!.GetValue<string>());

        // Nothing was run for real: the draft is as saved, and the variable keeps its initial value.
        var after = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Expect(HttpStatusCode.OK);
        Assert.Equal((versionId, "40"), (after["id"]!.GetValue<string>(), after["variables"]![0]!["value"]!.GetValue<string>()));

        // An activity that is not in the saved version is a 404 naming the field, not an endless wait.
        // The studio names the activity by its node id.
        var byNodeId = new JsonObject
        {
            ["workflowDefinitionHandle"] = new JsonObject { ["definitionVersionId"] = versionId },
            ["activityHandle"] = new JsonObject { ["activityNodeId"] = "Workflow1:9f2c4a1be07d3c55:a1b2c3d4e5f60718" },
        };
        Assert.Equal("Completed", (await Designer.PostAsync("/elsa/api/tests/activities", byNodeId)).Expect(HttpStatusCode.OK)["status"]!.GetValue<string>());

        var missing = await Designer.PostAsync("/elsa/api/tests/activities", Request(versionId, "not-there"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("activityHandle.activityId", missing.Json["field"]!.GetValue<string>());
    }

    private static JsonNode SetVariable(string id, string script)
    {
        var activity = JsonNode.Parse($$$"""
            {"id":"{{{id}}}","type":"Elsa.SetVariable","version":1,"name":"SetVariable-{{{id[..4]}}}",
             "variable":{"id":"v-total","name":"Total","typeName":"Int32"},
             "value":{"typeName":"Object","expression":{"type":"JavaScript","value":""},"memoryReference":null}}
            """)!;
        activity["value"]!["expression"]!["value"] = script;
        return activity;
    }

    private static JsonNode Request(string versionId, string activityId) => new JsonObject
    {
        ["workflowDefinitionHandle"] = new JsonObject { ["definitionVersionId"] = versionId },
        ["activityHandle"] = new JsonObject { ["activityId"] = activityId },
    };
}
