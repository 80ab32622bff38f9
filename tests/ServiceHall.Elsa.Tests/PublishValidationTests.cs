using System.Net;
using System.Text.Json.Nodes;
using static ServiceHall.Elsa.Tests.StudioRequests;

namespace ServiceHall.Elsa.Tests;

/// <summary>Publishing runs the engine's validator; a refusal is a 400 whose errors name the activity and the problem, and nothing changes.</summary>
[Collection(ElsaSiloCollection.Name)]
public sealed class PublishValidationTests(ElsaSilo silo) : DesignerTest(silo)
{
    [Fact]
    public async Task PublishingAnInvalidDefinitionAnswers400NamingEachActivityAndChangesNothing()
    {
        var definitionId = await DefinitionFlowTests.CreateDraftAsync(Designer, "Invalid");
        var draft = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Expect(HttpStatusCode.OK);
        var broken = Resave(draft, publish: true);
        Activities(broken["model"]!).Add(JsonNode.Parse("""
            {"id":"d4c3b2a1f0e9d8c7","type":"Elsa.FlowDecision","version":1,"name":"FlowDecision1",
             "condition":{"typeName":null,"expression":{"type":"JavaScript","value":"if ("},"memoryReference":null}}
            """));
        broken["model"]!["root"]!["connections"]!.AsArray().Add(JsonNode.Parse("""
            {"source":{"activity":"c3f2e4d5a6b7c8d9","port":"Done"},"target":{"activity":"d4c3b2a1f0e9d8c7","port":"In"}}
            """));

        var refused = await Designer.PostAsync("/elsa/api/workflow-definitions", broken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentHeaders.ContentType!.MediaType);
        var errors = refused.Json["errors"]!.AsObject();
        // In the designer's language: Chinese unless the request asks for English (issue 22 item 2), with each rule's code.
        Assert.Contains("无法编译", string.Join(" ", errors["d4c3b2a1f0e9d8c7"]!.AsArray().Select(m => m!.GetValue<string>())));
        Assert.Contains(refused.Json["validationErrors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "definition.scriptDoesNotCompile");
        Assert.Equal("definition.rejected", refused.Json["code"]!.GetValue<string>());
        var inEnglish = await Designer.SendAsync(HttpMethod.Post, "/elsa/api/workflow-definitions", broken.ToJsonString(),
            request => request.Headers.AcceptLanguage.ParseAdd("en"));
        Assert.Equal(HttpStatusCode.BadRequest, inEnglish.Status);
        Assert.Contains("does not compile", string.Join(" ", inEnglish.Json["errors"]!["d4c3b2a1f0e9d8c7"]!.AsArray().Select(m => m!.GetValue<string>())));
        Assert.StartsWith("The workflow definition was rejected: ", inEnglish.Json["detail"]!.GetValue<string>());
        // End has no out-port: the connection from it is refused too, under the End's id.
        Assert.Contains("c3f2e4d5a6b7c8d9", errors.Select(e => e.Key));
        Assert.Contains(refused.Json["validationErrors"]!.AsArray(), e => e!["activityId"]!.GetValue<string>() == "d4c3b2a1f0e9d8c7");

        var after = (await Designer.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}")).Expect(HttpStatusCode.OK);
        Assert.Equal((draft["id"]!.GetValue<string>(), false), (after["id"]!.GetValue<string>(), after["isPublished"]!.GetValue<bool>()));
        Assert.Equal(3, Activities(after).Count);

        // The list's Publish runs the same validator on the stored draft.
        var saved = (await Designer.PostAsync("/elsa/api/workflow-definitions", Resave(broken["model"]!))).Expect(HttpStatusCode.OK);
        var publish = await Designer.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/publish", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, publish.Status);
        Assert.True(publish.Json["errors"]!.AsObject().ContainsKey("d4c3b2a1f0e9d8c7"), publish.ToString());
        Assert.Equal(1, saved["workflowDefinition"]!["version"]!.GetValue<int>());

        // So does the list's bulk Publish, whose warnings say each problem in the designer's language too.
        var bulk = (await Designer.PostAsync("/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids",
            new JsonObject { ["definitionIds"] = new JsonArray(definitionId) })).Expect(HttpStatusCode.OK);
        Assert.Equal([definitionId], bulk["failed"]!.AsArray().Select(id => id!.GetValue<string>()));
        var warnings = bulk["warnings"]![definitionId]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Contains(warnings, w => w.StartsWith("d4c3b2a1f0e9d8c7: ", StringComparison.Ordinal) && w.Contains("无法编译", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("does not compile", StringComparison.Ordinal));
    }
}
