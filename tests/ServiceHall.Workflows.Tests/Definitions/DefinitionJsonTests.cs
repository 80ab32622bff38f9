using System.Text.Json.Nodes;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Shipped;

namespace ServiceHall.Workflows.Tests.Definitions;

public sealed class DefinitionJsonTests
{
    [Fact]
    public void StudioDefinitionRoundTripsUnchanged()
    {
        var definition = WorkflowJson.Parse(StudioFixtures.EditedDefinition);

        var written = WorkflowJson.Serialize(definition);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(StudioFixtures.EditedDefinition), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void ModelExposesTheStudioFields()
    {
        var definition = WorkflowJson.Parse(StudioFixtures.EditedDefinition);

        Assert.Equal("svc-hall-intake", definition.DefinitionId);
        Assert.True(definition.IsLatest);
        Assert.False(definition.IsPublished);
        Assert.Equal(4, definition.Activities.Count);
        var connection = definition.Connections[1];
        Assert.Equal(("a-accept", "Accepted", "a-decide"), (connection.Source.Activity, connection.SourcePort, connection.Target.Activity));
        Assert.Equal("kept", connection.Extra["label"]!.GetValue<string>());
        Assert.Equal("Accept application", definition.Activities[1].DisplayText);
        Assert.True(definition.Activities[0].CanStartWorkflow);
        Assert.Equal("var-decision", WrappedInput.ReadOutputBinding(definition.Activities[1], "deficiencies"));
        Assert.Equal(new ExpressionSource("Literal", JsonValue.Create("gz-tianhe-hall")).Kind, WrappedInput.Read(definition.Activities[1], "hall")!.Kind);
    }

    [Fact]
    public void NormalizingFillsTypeNamesAndKeepsDesignerDataAndUnknownProperties()
    {
        var original = JsonNode.Parse(StudioFixtures.EditedDefinition)!;
        var definition = WorkflowJson.Parse(StudioFixtures.EditedDefinition);

        DefinitionNormalizer.Normalize(definition, ActivityRegistry.Default);
        var written = JsonNode.Parse(WorkflowJson.Serialize(definition))!;

        var accept = written["root"]!["activities"]![1]!;
        Assert.Equal("String", accept["hall"]!["typeName"]!.GetValue<string>());
        Assert.True(accept["hall"]!.AsObject().ContainsKey("memoryReference"));
        Assert.True(JsonNode.DeepEquals(original["root"]!["activities"]![1]!["studioOnlyFlag"], accept["studioOnlyFlag"]));
        for (var i = 0; i < 4; i++)
        {
            Assert.True(JsonNode.DeepEquals(original["root"]!["activities"]![i]!["metadata"], written["root"]!["activities"]![i]!["metadata"]));
        }

        Assert.True(JsonNode.DeepEquals(original["futureElsaField"], written["futureElsaField"]));
        Assert.True(JsonNode.DeepEquals(original["root"]!["connections"], written["root"]!["connections"]));

        // Everything but the filled type name is as the studio sent it.
        accept["hall"]!["typeName"] = null;
        Assert.True(JsonNode.DeepEquals(original, written));
    }

    [Fact]
    public void NewStudioWorkflowGetsNodeIdsAndNoNullCollections()
    {
        var definition = WorkflowJson.Parse(StudioFixtures.CreatedDefinition);

        DefinitionNormalizer.Normalize(definition, ActivityRegistry.Default);
        var written = JsonNode.Parse(WorkflowJson.Serialize(definition))!.AsObject();

        Assert.Equal("Workflow1:3f2a9c1d7e6b5a40", written["root"]!["nodeId"]!.GetValue<string>());
        Assert.Empty(written["root"]!["activities"]!.AsArray());
        Assert.Empty(written["root"]!["connections"]!.AsArray());
        foreach (var collection in new[] { "variables", "inputs", "outputs", "outcomes" })
        {
            Assert.IsType<JsonArray>(written[collection]);
        }

        Assert.IsType<JsonObject>(written["customProperties"]);
        Assert.False(written["options"]!["autoUpdateConsumingWorkflows"]!.GetValue<bool>());
        Assert.False(written.ContainsKey("links"));
    }

    [Fact]
    public void DroppedActivitiesWithoutNodeIdGetTheirPath()
    {
        var json = JsonNode.Parse(StudioFixtures.EditedDefinition)!;
        json["root"]!.AsObject().Remove("nodeId");
        foreach (var activity in json["root"]!["activities"]!.AsArray())
        {
            activity!.AsObject().Remove("nodeId");
        }

        var definition = WorkflowJson.Parse(json.ToJsonString());
        DefinitionNormalizer.Normalize(definition, ActivityRegistry.Default);

        Assert.Equal("Workflow1:fc0001", definition.Root!.NodeId);
        Assert.Equal(["Workflow1:fc0001:a-start", "Workflow1:fc0001:a-accept", "Workflow1:fc0001:a-decide", "Workflow1:fc0001:a-end"],
            definition.Activities.Select(a => a.NodeId));
    }

    [Fact]
    public void MissingPortsReadAsDoneAndIn()
    {
        var definition = WorkflowJson.Parse("""{"root":{"id":"r","type":"Elsa.Flowchart","connections":[{"source":{"activity":"a"},"target":{"activity":"b"}}]}}""");

        var connection = Assert.Single(definition.Connections);
        Assert.Equal(Ports.Done, connection.SourcePort);
        Assert.Null(connection.Target.Port);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"root": "not an activity"}""")]
    [InlineData("""{"root": {"activities": 5}}""")]
    [InlineData("""{"version": "one"}""")]
    public void MalformedJsonIsReportedNotThrown(string json)
    {
        Assert.False(WorkflowJson.TryParse(json, out var definition, out var error));
        Assert.Null(definition);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void ShippedDefinitionsRoundTripAndCarryDesignerPositions(string definitionId)
    {
        var json = ShippedDefinitions.Json(definitionId);
        var definition = ShippedDefinitions.Load(definitionId);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(WorkflowJson.Serialize(definition))));
        Assert.Equal(definitionId, definition.DefinitionId);
        Assert.True(definition.IsPublished && definition.IsLatest);
        Assert.All(definition.Activities, a => Assert.NotNull(a.Metadata["designer"]?["position"]?["x"]));
        Assert.All(definition.Activities, a => Assert.Equal($"{definition.Root!.NodeId}:{a.Id}", a.NodeId));
    }

    public static TheoryData<string> ShippedIds() => [.. ShippedDefinitions.DefinitionIds];
}
