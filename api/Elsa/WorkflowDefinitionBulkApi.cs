using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// The definition list's bulk actions (compat notes §3.3 row 15), mirroring elsa-core's <c>BulkDelete</c>,
/// <c>BulkDeleteVersions</c>, <c>BulkPublish</c> and <c>BulkRetract</c> folders. Definitions that running cases use
/// are left out of a bulk delete, as a single delete would refuse them.
/// </summary>
public static class WorkflowDefinitionBulkApi
{
    public static RouteGroupBuilder MapWorkflowDefinitionBulkApi(this RouteGroupBuilder elsa)
    {
        var bulk = elsa.MapGroup("/bulk-actions").WithTags("Elsa workflow definitions").RequireAuthorization(ElsaPolicies.Editors);
        bulk.MapPost("/delete/workflow-definitions/by-definition-id", DeleteDefinitions).WithName("BulkDeleteWorkflowDefinitions")
            .WithSummary("Delete definitions ({definitionIds}); those running cases use are skipped.").Accepts<object>("application/json");
        bulk.MapPost("/delete/workflow-definitions/by-id", DeleteVersions).WithName("BulkDeleteWorkflowDefinitionVersions")
            .WithSummary("Delete versions ({ids}); those running cases use are skipped.").Accepts<object>("application/json");
        bulk.MapPost("/publish/workflow-definitions/by-definition-ids", Publish).WithName("BulkPublishWorkflowDefinitions")
            .WithSummary("Publish the latest version of each definition ({definitionIds}).").Accepts<object>("application/json");
        bulk.MapPost("/retract/workflow-definitions/by-definition-ids", Retract).WithName("BulkRetractWorkflowDefinitions")
            .WithSummary("Unpublish each definition ({definitionIds}).").Accepts<object>("application/json");
        return elsa;
    }

    public static async Task<IResult> DeleteDefinitions(HttpRequest request, IGrainFactory grains, OrganisationDirectory organisation)
    {
        var (ids, problem) = await ReadIdsAsync(request, "definitionIds");
        if (problem is not null)
        {
            return problem;
        }

        var deleted = 0;
        foreach (var definitionId in ids)
        {
            var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
            var versions = await grain.GetVersionsAsync();
            if (versions.Count == 0 || (await DefinitionUsage.RunningCasesAsync(grains, organisation, definitionId, null)).Count > 0)
            {
                continue;
            }

            await grain.DeleteAsync();
            deleted += versions.Count;
        }

        return ElsaJson.Ok(new JsonObject { ["deleted"] = deleted });
    }

    public static async Task<IResult> DeleteVersions(HttpRequest request, IGrainFactory grains, OrganisationDirectory organisation)
    {
        var (ids, problem) = await ReadIdsAsync(request, "ids");
        if (problem is not null)
        {
            return problem;
        }

        var deleted = 0;
        foreach (var id in ids)
        {
            if (await DefinitionLookup.FindVersionAsync(grains, id) is not { } found
                || (await DefinitionUsage.RunningCasesAsync(grains, organisation, found.Version.DefinitionId, found.Version.Version)).Count > 0)
            {
                continue;
            }

            if (await grains.GetGrain<IWorkflowDefinitionGrain>(found.Version.DefinitionId).DeleteVersionAsync(id))
            {
                deleted++;
            }
        }

        return ElsaJson.Ok(new JsonObject { ["deleted"] = deleted });
    }

    public static async Task<IResult> Publish(HttpRequest request, IGrainFactory grains)
    {
        var (ids, problem) = await ReadIdsAsync(request, "definitionIds");
        if (problem is not null)
        {
            return problem;
        }

        JsonArray published = [], alreadyPublished = [], notFound = [], failed = [];
        var warnings = new JsonObject();
        foreach (var definitionId in ids)
        {
            var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
            if (await grain.GetLatestAsync() is null)
            {
                notFound.Add(definitionId);
                continue;
            }

            try
            {
                (await grain.PublishAsync() ? published : alreadyPublished).Add(definitionId);
            }
            catch (DefinitionRejectedException rejected)
            {
                failed.Add(definitionId);
                warnings[definitionId] = new JsonArray([.. DefinitionProblems.Lines(rejected).Select(line => (JsonNode)line)]);
            }
        }

        return ElsaJson.Ok(new JsonObject
        {
            ["published"] = published,
            ["alreadyPublished"] = alreadyPublished,
            ["notFound"] = notFound,
            ["skipped"] = new JsonArray(),
            ["updatedConsumers"] = new JsonArray(),
            ["failed"] = failed,
            ["warnings"] = warnings,
        });
    }

    public static async Task<IResult> Retract(HttpRequest request, IGrainFactory grains)
    {
        var (ids, problem) = await ReadIdsAsync(request, "definitionIds");
        if (problem is not null)
        {
            return problem;
        }

        JsonArray retracted = [], alreadyRetracted = [], notFound = [];
        foreach (var definitionId in ids)
        {
            var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
            if (await grain.GetLatestAsync() is null)
            {
                notFound.Add(definitionId);
            }
            else if (await grain.GetPublishedAsync() is null)
            {
                alreadyRetracted.Add(definitionId);
            }
            else
            {
                await grain.RetractAsync();
                retracted.Add(definitionId);
            }
        }

        return ElsaJson.Ok(new JsonObject
        {
            ["retracted"] = retracted,
            ["alreadyRetracted"] = alreadyRetracted,
            ["notFound"] = notFound,
            ["skipped"] = new JsonArray(),
        });
    }

    /// <summary>Reads <c>{"&lt;key&gt;": ["…", …]}</c>: a list of non-empty strings, each once.</summary>
    public static async Task<(IReadOnlyList<string> Ids, IResult? Problem)> ReadIdsAsync(HttpRequest request, string key)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return ([], problem);
        }

        if (body[key] is not JsonArray array
            || array.Any(item => item is not JsonValue value || !value.TryGetValue(out string? text) || string.IsNullOrWhiteSpace(text)))
        {
            return ([], Problems.BadRequest(key, $"'{key}' must be a list of ids.", "field.idList"));
        }

        return ([.. array.Select(item => item!.GetValue<string>()).Distinct(StringComparer.Ordinal)], null);
    }
}
