using System.Text.Json.Nodes;
using static ServiceHall.Grains.Tests.Definitions.TestDefinitions;

namespace ServiceHall.Grains.Tests.Definitions;

/// <summary>Whatever the studio sends comes back: designer metadata, unknown properties, and every edit, across forks.</summary>
public sealed class WorkflowDefinitionRoundTripTests(DefinitionsCluster cluster) : IClassFixture<DefinitionsCluster>
{
    [Fact]
    public async Task DesignerMetadataAndUnknownPropertiesSurviveSaveForkAndDeactivation()
    {
        var grain = cluster.Definition(NewKey());
        var sent = StudioDefinition();

        var v1 = await grain.SaveAsync(sent.Json(), publish: true);
        var v2 = await grain.SaveAsync(StudioDefinition().AsEdited(v1).Json(), publish: false);
        await cluster.Cluster.DeactivateAsync(grain);

        foreach (var version in new[] { (await grain.GetVersionAsync(1))!, (await grain.GetVersionAsync(2))! })
        {
            var stored = version.Document();
            Assert.True(JsonNode.DeepEquals(sent["futureElsaField"], stored["futureElsaField"]));
            Assert.True(JsonNode.DeepEquals(sent["customProperties"], stored["customProperties"]));
            Assert.True(JsonNode.DeepEquals(sent["variables"], stored["variables"]));
            var activity = stored.Activities()[1]!.AsObject();
            var original = sent.Activities()[1]!.AsObject();
            Assert.True(JsonNode.DeepEquals(original["metadata"], activity["metadata"]));
            Assert.True(JsonNode.DeepEquals(original["studioOnlyFlag"], activity["studioOnlyFlag"]));
            Assert.True(JsonNode.DeepEquals(sent.Root()["connections"], stored.Root()["connections"]));
        }

        Assert.Equal((1, 2), (v1.Version, v2.Version));
    }

    [Fact]
    public async Task MissingNodeIdsAreFilledAndResponseLinksAreNotStored()
    {
        var key = NewKey();
        var sent = StartToEnd();
        sent["links"] = new JsonArray(new JsonObject { ["href"] = $"/workflow-definitions/{key}", ["rel"] = "self", ["method"] = "GET" });

        var stored = (await cluster.Definition(key).SaveAsync(sent.Json(), publish: false)).Document();

        Assert.Equal("Workflow1:fc01", (string?)stored.Root()["nodeId"]);
        Assert.Equal("Workflow1:fc01:a-start", (string?)stored.Activities()[0]!["nodeId"]);
        Assert.False(stored.ContainsKey("links"));
    }

    private static JsonObject StudioDefinition()
    {
        var definition = StartToEnd("受理流程 Intake");
        definition["customProperties"] = new JsonObject { ["owner"] = "tianhe" };
        definition["variables"] = new JsonArray(new JsonObject
        {
            ["id"] = "var-decision", ["name"] = "Decision", ["typeName"] = "String", ["isArray"] = false,
            ["value"] = null, ["storageDriverTypeName"] = null,
        });
        definition["futureElsaField"] = new JsonObject { ["anything"] = new JsonArray("goes", 1, true) };

        var end = definition.Activities()[1]!.AsObject();
        end["metadata"] = new JsonObject
        {
            ["displayText"] = "办结",
            ["showDescription"] = true,
            ["designer"] = new JsonObject
            {
                ["position"] = new JsonObject { ["x"] = 320.5, ["y"] = 160 },
                ["size"] = new JsonObject { ["width"] = 200, ["height"] = 60 },
            },
        };
        end["studioOnlyFlag"] = new JsonObject { ["nested"] = new JsonArray(1, 2, new JsonObject { ["deep"] = true }) };
        definition.Root()["connections"]![0]!["vertices"] = new JsonArray(new JsonObject { ["x"] = 1.5, ["y"] = 2.0 });
        return definition;
    }
}
