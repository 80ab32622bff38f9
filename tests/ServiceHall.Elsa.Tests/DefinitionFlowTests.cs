using System.Net;
using System.Text.Json.Nodes;
using static ServiceHall.Elsa.Tests.StudioRequests;

namespace ServiceHall.Elsa.Tests;

/// <summary>
/// Flows (a)–(d) of the compat notes §3.4 with the requests the studio makes: the list, "Create workflow", opening the
/// designer, autosave and publish, and the list's row menu.
/// </summary>
[Collection(ElsaSiloCollection.Name)]
public sealed class DefinitionFlowTests(ElsaSilo silo) : DesignerTest(silo)
{
    [Fact]
    public async Task TheListAnswersThePascalCaseQueryWithCamelCaseSummariesAndTheBulkPublishLink()
    {
        var list = (await Designer.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending"))
            .Expect(HttpStatusCode.OK);

        Assert.Contains("bulk-publish", Rels(list["links"]));
        Assert.True(list["totalCount"]!.GetValue<int>() >= 4);
        var standard = list["items"]!.AsArray().Single(i => i!["definitionId"]!.GetValue<string>() == "servicehall-standard")!;
        Assert.Equal("标准件 Standard case", standard["name"]!.GetValue<string>());
        Assert.True(standard["isLatest"]!.GetValue<bool>());
        Assert.Contains("publish", Rels(standard["links"]));
        foreach (var field in new[] { "id", "version", "isPublished", "createdAt", "description", "materializerName" })
        {
            Assert.True(standard[field] is not null, $"summary lacks {field}: {standard}");
        }

        var published = (await Designer.GetAsync("/elsa/api/workflow-definitions?versionOptions=Published&DefinitionIds=servicehall-standard&DefinitionIds=servicehall-instant"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(["servicehall-instant", "servicehall-standard"],
            published["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()).Order());
        Assert.All(published["items"]!.AsArray(), i => Assert.True(i!["isPublished"]!.GetValue<bool>()));

        var first = (await Designer.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=2&OrderBy=Name&OrderDirection=Ascending")).Expect(HttpStatusCode.OK);
        var second = (await Designer.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest&Page=1&PageSize=2&OrderBy=Name&OrderDirection=Ascending")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Empty(first["items"]!.AsArray().Select(Id).Intersect(second["items"]!.AsArray().Select(Id)));
    }

    [Fact]
    public async Task CreatingAWorkflowAsTheStudioDoesFillsNodeIdsCollectionsAndLinks()
    {
        var name = "Workflow " + Guid.NewGuid().ToString("N")[..6];
        var unique = (await Designer.GetAsync($"/elsa/api/workflow-definitions/validation/is-name-unique?name={Uri.EscapeDataString(name)}")).Expect(HttpStatusCode.OK);
        Assert.True(unique["isUnique"]!.GetValue<bool>());

        var created = (await Designer.PostAsync("/elsa/api/workflow-definitions", Create(name))).Expect(HttpStatusCode.OK)["workflowDefinition"]!;

        var definitionId = created["definitionId"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(definitionId));
        Assert.False(string.IsNullOrEmpty(created["id"]!.GetValue<string>()));
        Assert.Equal((1, true, false), (created["version"]!.GetValue<int>(), created["isLatest"]!.GetValue<bool>(), created["isPublished"]!.GetValue<bool>()));
        Assert.Equal("Workflow1:9f2c4a1be07d3c55", created["root"]!["nodeId"]!.GetValue<string>());
        Assert.IsType<JsonArray>(created["root"]!["activities"]);
        Assert.IsType<JsonArray>(created["root"]!["connections"]);
        foreach (var collection in new[] { "variables", "inputs", "outputs", "outcomes" })
        {
            Assert.IsType<JsonArray>(created[collection]);
        }

        Assert.IsType<JsonObject>(created["options"]);
        Assert.IsType<JsonObject>(created["customProperties"]);
        Assert.Contains("publish", Rels(created["links"]));

        var taken = (await Designer.GetAsync($"/elsa/api/workflow-definitions/validation/is-name-unique?name={Uri.EscapeDataString(name)}")).Expect(HttpStatusCode.OK);
        Assert.False(taken["isUnique"]!.GetValue<bool>());
        var own = (await Designer.GetAsync($"/elsa/api/workflow-definitions/validation/is-name-unique?name={Uri.EscapeDataString(name)}&definitionId={definitionId}")).Expect(HttpStatusCode.OK);
        Assert.True(own["isUnique"]!.GetValue<bool>());

        var opened = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest")).Expect(HttpStatusCode.OK);
        Assert.Equal(created["id"]!.GetValue<string>(), opened["id"]!.GetValue<string>());
        Assert.Contains("publish", Rels(opened["links"]));
    }

    [Fact]
    public async Task OpeningTheDesignerFindsEveryDescriptorEndpointWithAList()
    {
        string[] lists =
        [
            "/elsa/api/descriptors/activities?Refresh=True", "/elsa/api/descriptors/expression-descriptors",
            "/elsa/api/descriptors/workflow-activation-strategies", "/elsa/api/descriptors/log-persistence-strategies",
            "/elsa/api/features/installed", "/elsa/api/descriptors/incident-strategies", "/elsa/api/descriptors/commit-strategies/workflows",
            "/elsa/api/descriptors/commit-strategies/activities", "/elsa/api/descriptors/variables", "/elsa/api/descriptors/storage-drivers",
            "/elsa/api/descriptors/output-converters?sourceType=String&destinationType=String", "/elsa/api/resilience/strategies?category=",
        ];
        foreach (var path in lists)
        {
            var body = (await Designer.GetAsync(path)).Expect(HttpStatusCode.OK);
            Assert.True(body["items"] is JsonArray, $"{path}: {body}");
        }

        var expressions = (await Designer.GetAsync("/elsa/api/descriptors/expression-descriptors")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        var script = expressions.Single(e => e!["type"]!.GetValue<string>() == "JavaScript")!;
        Assert.True(script["isBrowsable"]!.GetValue<bool>());
        Assert.Equal("javascript", script["properties"]!["MonacoLanguage"]!.GetValue<string>());

        var typings = await Designer.PostAsync("/elsa/api/scripting/javascript/type-definitions/servicehall-standard",
            """{"workflowDefinitionId":"servicehall-standard","activityTypeName":"Elsa.FlowDecision","propertyName":"Condition"}""");
        Assert.Equal(HttpStatusCode.OK, typings.Status);
        Assert.Contains("getInput", typings.Text);
    }

    [Fact]
    public async Task AutosaveUpdatesTheDraftInPlaceThenPublishingForksAsElsaDoes()
    {
        var created = (await Designer.PostAsync("/elsa/api/workflow-definitions", Create("Autosave " + Guid.NewGuid().ToString("N")[..6])))
            .Expect(HttpStatusCode.OK)["workflowDefinition"]!.AsObject();
        var definitionId = created["definitionId"]!.GetValue<string>();
        var draftId = created["id"]!.GetValue<string>();

        var saved = (await Designer.PostAsync("/elsa/api/workflow-definitions", EditedWithThreeActivities(created, publish: false)))
            .Expect(HttpStatusCode.OK)["workflowDefinition"]!;
        Assert.Equal((draftId, 1), (saved["id"]!.GetValue<string>(), saved["version"]!.GetValue<int>()));
        var certificate = Activity(saved, "b2e1d3c4f5a6b798");
        Assert.Equal("Boolean", certificate["automatic"]!["typeName"]!.GetValue<string>());
        Assert.Equal("True", certificate["automatic"]!["expression"]!["value"]!.GetValue<string>());
        Assert.Equal("String", certificate["form"]!["typeName"]!.GetValue<string>());
        Assert.Equal(210.5, certificate["metadata"]!["designer"]!["size"]!["width"]!.GetValue<double>());

        var published = (await Designer.PostAsync("/elsa/api/workflow-definitions", Resave(saved, publish: true))).Expect(HttpStatusCode.OK)["workflowDefinition"]!;
        Assert.Equal((draftId, 1, true), (published["id"]!.GetValue<string>(), published["version"]!.GetValue<int>(), published["isPublished"]!.GetValue<bool>()));

        // The studio sends the published version's id and isPublished: true; the server forks a new draft.
        var forked = (await Designer.PostAsync("/elsa/api/workflow-definitions", Resave(published))).Expect(HttpStatusCode.OK)["workflowDefinition"]!;
        Assert.NotEqual(draftId, forked["id"]!.GetValue<string>());
        Assert.Equal((2, true, false), (forked["version"]!.GetValue<int>(), forked["isLatest"]!.GetValue<bool>(), forked["isPublished"]!.GetValue<bool>()));

        var history = (await Designer.GetAsync($"/elsa/api/workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds={definitionId}&OrderBy=Version&OrderDirection=Descending"))
            .Expect(HttpStatusCode.OK)["items"]!.AsArray();
        Assert.Equal([(2, true, false), (1, false, true)], history.Select(v => (v!["version"]!.GetValue<int>(), v["isLatest"]!.GetValue<bool>(), v["isPublished"]!.GetValue<bool>())));

        // Publishing from the designer while the latest is published forks again and moves publication to the fork.
        var v2 = (await Designer.PostAsync("/elsa/api/workflow-definitions", Resave(forked, publish: true))).Expect(HttpStatusCode.OK)["workflowDefinition"]!;
        Assert.Equal((2, true), (v2["version"]!.GetValue<int>(), v2["isPublished"]!.GetValue<bool>()));
        var v3 = (await Designer.PostAsync("/elsa/api/workflow-definitions", Resave(v2, publish: true))).Expect(HttpStatusCode.OK)["workflowDefinition"]!;
        Assert.Equal((3, true, true), (v3["version"]!.GetValue<int>(), v3["isLatest"]!.GetValue<bool>(), v3["isPublished"]!.GetValue<bool>()));
        var old = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=2")).Expect(HttpStatusCode.OK);
        Assert.Equal((false, false), (old["isLatest"]!.GetValue<bool>(), old["isPublished"]!.GetValue<bool>()));
        var byId = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-id/{old["id"]!.GetValue<string>()}")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, byId["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheRowMenuUnpublishesPublishesAndSaysTheWorkflowCannotBeRun()
    {
        var definitionId = await CreatePublishedAsync(Designer, "Row menu");

        var retracted = (await Designer.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/retract", "{}")).Expect(HttpStatusCode.OK);
        Assert.False(retracted["isPublished"]!.GetValue<bool>());
        Assert.True(retracted["isLatest"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Designer.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/retract", "{}")).Status);

        var publish = (await Designer.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/publish", "{}")).Expect(HttpStatusCode.OK);
        Assert.False(publish["alreadyPublished"]!.GetValue<bool>());
        Assert.True(publish["workflowDefinition"]!["isPublished"]!.GetValue<bool>());
        var again = (await Designer.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/publish", "{}")).Expect(HttpStatusCode.OK);
        Assert.True(again["alreadyPublished"]!.GetValue<bool>());

        var run = await Designer.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute",
            """{"correlationId":null,"triggerActivityId":null,"versionOptions":"Latest","input":null}""");
        Assert.Equal(HttpStatusCode.OK, run.Status);
        Assert.Equal("true", run.Headers.GetValues("x-elsa-workflow-cannot-start").Single());

        Assert.Equal(HttpStatusCode.NotFound, (await Designer.PostAsync("/elsa/api/workflow-definitions/no-such-definition/publish", "{}")).Status);
    }

    [Fact]
    public async Task RevertCopiesAnOldVersionAndVersionsAndDefinitionsCanBeDeleted()
    {
        var definitionId = await CreatePublishedAsync(Designer, "Revert");
        var v1 = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Expect(HttpStatusCode.OK);
        var renamed = Resave(v1);
        renamed["model"]!["name"] = "Renamed " + definitionId;
        var v2 = (await Designer.PostAsync("/elsa/api/workflow-definitions", renamed)).Expect(HttpStatusCode.OK)["workflowDefinition"]!;

        var reverted = (await Designer.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/revert/1", "{}")).Expect(HttpStatusCode.OK);
        Assert.Equal((3, true, false), (reverted["version"]!.GetValue<int>(), reverted["isLatest"]!.GetValue<bool>(), reverted["isPublished"]!.GetValue<bool>()));
        Assert.Equal(v1["name"]!.GetValue<string>(), reverted["name"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await Designer.DeleteAsync($"/elsa/api/workflow-definition-versions/{v2["id"]!.GetValue<string>()}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Designer.DeleteAsync($"/elsa/api/workflow-definition-versions/{reverted["id"]!.GetValue<string>()}")).Status);
        var left = (await Designer.GetAsync($"/elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        Assert.Equal((1, true, true), Single(left));
        Assert.Equal(HttpStatusCode.NotFound, (await Designer.DeleteAsync($"/elsa/api/workflow-definition-versions/{v2["id"]!.GetValue<string>()}")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await Designer.DeleteAsync($"/elsa/api/workflow-definitions/{definitionId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Designer.DeleteAsync($"/elsa/api/workflow-definitions/{definitionId}")).Status);

        static (int, bool, bool) Single(JsonArray items) =>
            items.Select(v => (v!["version"]!.GetValue<int>(), v["isLatest"]!.GetValue<bool>(), v["isPublished"]!.GetValue<bool>())).Single();
    }

    [Fact]
    public async Task BulkActionsPublishRetractAndDeleteReportingEachDefinition()
    {
        var a = await CreateDraftAsync(Designer, "Bulk A");
        var b = await CreateDraftAsync(Designer, "Bulk B");
        var ids = new JsonObject { ["definitionIds"] = new JsonArray(a, b, "no-such-definition") };

        var published = (await Designer.PostAsync("/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", ids.DeepClone())).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { a, b }.Order(), Strings(published["published"]).Order());
        Assert.Equal(["no-such-definition"], Strings(published["notFound"]));
        var again = (await Designer.PostAsync("/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", ids.DeepClone())).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { a, b }.Order(), Strings(again["alreadyPublished"]).Order());

        var retracted = (await Designer.PostAsync("/elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids", ids.DeepClone())).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { a, b }.Order(), Strings(retracted["retracted"]).Order());

        var version = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{a}")).Expect(HttpStatusCode.OK)["id"]!.GetValue<string>();
        var deletedVersions = (await Designer.PostAsync("/elsa/api/bulk-actions/delete/workflow-definitions/by-id", new JsonObject { ["ids"] = new JsonArray(version) }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(1, deletedVersions["deleted"]!.GetValue<int>());
        var deleted = (await Designer.PostAsync("/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", ids.DeepClone())).Expect(HttpStatusCode.OK);
        Assert.Equal(1, deleted["deleted"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{b}")).Status);

        var malformed = await Designer.PostAsync("/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", """{"definitionIds":"a"}""");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("definitionIds", malformed.Json["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task MalformedRequestsAnswer400NamingTheField()
    {
        var noModel = await Designer.PostAsync("/elsa/api/workflow-definitions", """{"publish":false}""");
        Assert.Equal((HttpStatusCode.BadRequest, "model"), (noModel.Status, noModel.Json["field"]!.GetValue<string>()));
        Assert.Equal("application/problem+json", noModel.ContentHeaders.ContentType!.MediaType);

        var badPublish = await Designer.PostAsync("/elsa/api/workflow-definitions", """{"model":{"name":"x"},"publish":"yes"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "publish"), (badPublish.Status, badPublish.Json["field"]!.GetValue<string>()));

        var badPage = await Designer.GetAsync("/elsa/api/workflow-definitions?Page=-1&PageSize=10");
        Assert.Equal((HttpStatusCode.BadRequest, "Page"), (badPage.Status, badPage.Json["field"]!.GetValue<string>()));

        var badOptions = await Designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/servicehall-standard?versionOptions=Newest");
        Assert.Equal((HttpStatusCode.BadRequest, "versionOptions"), (badOptions.Status, badOptions.Json["field"]!.GetValue<string>()));
    }

    public static async Task<string> CreateDraftAsync(StudioClient client, string name)
    {
        var created = (await client.PostAsync("/elsa/api/workflow-definitions", Create($"{name} {Guid.NewGuid():N}")))
            .Expect(HttpStatusCode.OK)["workflowDefinition"]!.AsObject();
        var saved = (await client.PostAsync("/elsa/api/workflow-definitions", EditedWithThreeActivities(created, publish: false))).Expect(HttpStatusCode.OK);
        return saved["workflowDefinition"]!["definitionId"]!.GetValue<string>();
    }

    public static async Task<string> CreatePublishedAsync(StudioClient client, string name)
    {
        var definitionId = await CreateDraftAsync(client, name);
        (await client.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/publish", "{}")).Expect(HttpStatusCode.OK);
        return definitionId;
    }

    private static string Id(JsonNode? item) => item!["id"]!.GetValue<string>();

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(s => s!.GetValue<string>());
}
