using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Definitions;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// The part of Elsa 3's workflow-definition API that saving and publishing needs (shared/elsa-studio-compat.md §3.3
/// rows 2, 4 and 6). Each handler mirrors the folder of the same name under elsa-core's
/// <c>src/modules/Elsa.Workflows.Api/Endpoints/WorkflowDefinitions/</c>: GetByDefinitionId, Post, Publish.
/// </summary>
public static class WorkflowDefinitionsApi
{
    public const string EditorsPolicy = "workflow-editors";

    public static IEndpointRouteBuilder MapWorkflowDefinitionsApi(this IEndpointRouteBuilder endpoints)
    {
        var definitions = endpoints.MapGroup("/elsa/api/workflow-definitions").WithTags("Elsa workflow definitions")
            .RequireAuthorization(EditorsPolicy);
        definitions.MapGet("/by-definition-id/{definitionId}", GetByDefinitionId)
            .WithName("GetWorkflowDefinitionByDefinitionId").WithSummary("A definition version: ?versionOptions=Latest (default), Published or a number.");
        definitions.MapPost("/", Post)
            .WithName("SaveWorkflowDefinition").WithSummary("Create or save a definition ({model, publish}); publishing validates it.")
            .Accepts<object>("application/json");
        definitions.MapPost("/{definitionId}/publish", Publish)
            .WithName("PublishWorkflowDefinition").WithSummary("Publish the latest version.");
        return endpoints;
    }

    public static async Task<IResult> GetByDefinitionId(IGrainFactory grains, string definitionId, string? versionOptions)
    {
        var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
        var version = (versionOptions ?? "").Trim() switch
        {
            "" or "Latest" => await grain.GetLatestAsync(),
            "Published" => await grain.GetPublishedAsync(),
            "LatestOrPublished" => await grain.GetLatestAsync() ?? await grain.GetPublishedAsync(),
            var number when int.TryParse(number, out var n) => await grain.GetVersionAsync(n),
            _ => null,
        };
        return version is null
            ? Problems.Result(StatusCodes.Status404NotFound, "definitionId", $"No workflow definition '{definitionId}' ({versionOptions ?? "Latest"}).")
            : Json(version.Json);
    }

    public static async Task<IResult> Post(HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        if (body["model"] is not JsonObject model)
        {
            return Problems.BadRequest("model", "The body needs the workflow definition as 'model'.");
        }

        var publish = body["publish"] is JsonValue flag && flag.TryGetValue<bool>(out var value) && value;
        var definitionId = model["definitionId"] is JsonValue id && id.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : Guid.NewGuid().ToString("N");
        model["definitionId"] = definitionId;
        try
        {
            var saved = await grains.GetGrain<IWorkflowDefinitionGrain>(definitionId).SaveAsync(model.ToJsonString(), publish);
            return Saved(saved, alreadyPublished: false);
        }
        catch (DefinitionRejectedException rejected)
        {
            return Rejected(rejected);
        }
    }

    public static async Task<IResult> Publish(IGrainFactory grains, string definitionId)
    {
        var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
        if (await grain.GetLatestAsync() is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "definitionId", $"No workflow definition '{definitionId}'.");
        }

        try
        {
            var published = await grain.PublishAsync();
            return Saved((await grain.GetLatestAsync())!, alreadyPublished: !published);
        }
        catch (DefinitionRejectedException rejected)
        {
            return Rejected(rejected);
        }
    }

    private static IResult Saved(DefinitionVersion version, bool alreadyPublished) => TypedResults.Ok(new JsonObject
    {
        ["workflowDefinition"] = JsonNode.Parse(version.Json),
        ["alreadyPublished"] = alreadyPublished,
        ["consumingWorkflowCount"] = 0,
        ["validationErrors"] = new JsonArray(),
    });

    private static IResult Rejected(DefinitionRejectedException rejected)
    {
        var errors = rejected.Problems.Select(p => new { activityId = p.ActivityId, errorMessage = p.Problem }).ToList();
        return Problems.Result(StatusCodes.Status400BadRequest, "model", rejected.Message, errors, "validationErrors");
    }

    private static IResult Json(string json) => TypedResults.Content(json, "application/json; charset=utf-8");
}
