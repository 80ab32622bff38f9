using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>The action body is a typed contract: OpenAPI describes it, and the API holds callers to it.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class ActionInputContractTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task OpenApiDescribesTheActionBodyWithItsNestedShapes()
    {
        var document = (await _walker.Anonymous.GetAsync("/openapi/v1.json")).Json;

        var body = Schema(document, document["paths"]!["/api/cases/{id}/actions/{action}"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        var properties = body["properties"]!.AsObject();

        Assert.All(["stepId", "reason", "deficiencies", "answers", "materials", "groups", "hall", "part", "newGroup"],
            name => Assert.True(properties.ContainsKey(name), $"no '{name}' in {properties.ToJsonString()}"));
        var group = Schema(document, properties["groups"]!["items"]!);
        var step = Schema(document, group["properties"]!["steps"]!["items"]!);
        Assert.Equal(["department", "reviewer", "dueAt"], step["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task AWellTypedBodyStillReachesTheStepAndItsRefusalNamesTheField()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var clerk = await _walker.AsAsync("clerk");

        // Bound and mapped, the null member and the blank problem reach the activity, which names the item's field.
        var refused = await clerk.PostAsync($"/api/cases/{CaseWalker.Id(opened)}/actions/request-correction",
            new { deficiencies = new object[] { new { problem = "缺页", materialCode = (string?)null }, new { problem = " " } } });

        Assert.Equal((HttpStatusCode.BadRequest, "deficiencies[1].problem"), (refused.Status, refused.Field));
    }

    /// <summary>Follows a <c>$ref</c> into <c>components/schemas</c>.</summary>
    private static JsonNode Schema(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;
}
