using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Changing workflow definitions (compat notes §2.3 and §3.3 rows 4, 6–10, 12, 14), for designers and admins. Each
/// handler mirrors the elsa-core folder of the same name under <c>Endpoints/WorkflowDefinitions/</c>: Post, Publish,
/// Retract, Delete, DeleteVersion, Version/Revert, Import, Execute.
/// </summary>
public static class WorkflowDefinitionEditsApi
{
    public static RouteGroupBuilder MapWorkflowDefinitionEditsApi(this RouteGroupBuilder elsa)
    {
        var editors = elsa.MapGroup("/").WithTags("Elsa workflow definitions").RequireAuthorization(ElsaPolicies.Editors);
        editors.MapPost("/workflow-definitions", Post).WithName("SaveWorkflowDefinition")
            .WithSummary("Create or save a definition ({model, publish}); publishing validates it.").Accepts<object>("application/json");
        editors.MapPost("/workflow-definitions/{definitionId}/publish", Publish).WithName("PublishWorkflowDefinition")
            .WithSummary("Publish the latest version; alreadyPublished when it already is.");
        editors.MapPost("/workflow-definitions/{definitionId}/retract", Retract).WithName("RetractWorkflowDefinition")
            .WithSummary("Unpublish the published version.");
        editors.MapDelete("/workflow-definitions/{definitionId}", Delete).WithName("DeleteWorkflowDefinition")
            .WithSummary("Delete every version; 409 while running cases use it.");
        editors.MapDelete("/workflow-definition-versions/{id}", DeleteVersion).WithName("DeleteWorkflowDefinitionVersion")
            .WithSummary("Delete one version by its id; 409 while running cases use it.");
        editors.MapDelete("/workflow-definitions/{definitionId}/version/{version:int}", DeleteVersionNumber).WithName("DeleteWorkflowDefinitionVersionNumber")
            .WithSummary("Delete one version by its number; 409 while running cases use it.");
        editors.MapPost("/workflow-definitions/{definitionId}/revert/{version:int}", Revert).WithName("RevertWorkflowDefinition")
            .WithSummary("Copy an old version into a new latest draft.");
        editors.MapMethods("/workflow-definitions/import", ["POST", "PUT"], Import).WithName("ImportWorkflowDefinition")
            .WithSummary("Save a definition document (an export) as a draft.").Accepts<object>("application/json");
        editors.MapPost("/workflow-definitions/{definitionId}/execute", Execute).WithName("ExecuteWorkflowDefinition")
            .WithSummary("Not offered: cases start workflows (POST /api/cases); answers x-elsa-workflow-cannot-start.");
        return elsa;
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
            return Problems.BadRequest("model", "The body needs the workflow definition as 'model'.", "definition.modelRequired");
        }

        bool publish;
        switch (body["publish"])
        {
            case null:
                publish = false;
                break;
            case JsonValue flag when flag.TryGetValue(out bool value):
                publish = value;
                break;
            default:
                return Problems.BadRequest("publish", "'publish' must be true, false or null.", "field.notFlag");
        }

        var (definitionId, badId) = DefinitionIdOf(model);
        if (badId is not null)
        {
            return badId;
        }

        try
        {
            var saved = await grains.GetGrain<IWorkflowDefinitionGrain>(definitionId).SaveAsync(model.ToJsonString(), publish);
            return Saved(saved, alreadyPublished: false);
        }
        catch (DefinitionRejectedException rejected)
        {
            return DefinitionProblems.Rejected(rejected);
        }
    }

    public static async Task<IResult> Publish(IGrainFactory grains, string definitionId)
    {
        var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
        if (await grain.GetLatestAsync() is null)
        {
            return NotFound(definitionId);
        }

        try
        {
            var published = await grain.PublishAsync();
            return Saved((await grain.GetLatestAsync())!, alreadyPublished: !published);
        }
        catch (DefinitionRejectedException rejected)
        {
            return DefinitionProblems.Rejected(rejected);
        }
    }

    public static async Task<IResult> Retract(IGrainFactory grains, string definitionId)
    {
        var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
        if (await grain.GetLatestAsync() is null)
        {
            return NotFound(definitionId);
        }

        if (await grain.GetPublishedAsync() is not { } published)
        {
            return Problems.BadRequest([FieldError.Of("definitionId", "definition.notPublished", $"Workflow definition '{definitionId}' is not published.", ("definitionId", definitionId))]);
        }

        await grain.RetractAsync();
        return ElsaJson.Ok(DefinitionDocuments.Document((await grain.GetVersionAsync(published.Version))!, canEdit: true));
    }

    public static async Task<IResult> Delete(IGrainFactory grains, OrganisationDirectory organisation, string definitionId)
    {
        var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
        if (await grain.GetLatestAsync() is null)
        {
            return NotFound(definitionId);
        }

        var (count, numbers) = await DefinitionUsage.RunningCasesAsync(grains, organisation, definitionId, version: null);
        if (count > 0)
        {
            return Problems.Result(StatusCodes.Status409Conflict, [FieldError.Of("definitionId", "definition.inUse",
                $"Workflow definition '{definitionId}' cannot be deleted: {DefinitionUsage.Describe(count, numbers)}",
                ("definitionId", definitionId), ("count", count), ("cases", DefinitionUsage.Numbers(count, numbers)))]);
        }

        await grain.DeleteAsync();
        return TypedResults.NoContent();
    }

    public static async Task<IResult> DeleteVersion(IGrainFactory grains, OrganisationDirectory organisation, string id) =>
        await DefinitionLookup.FindVersionAsync(grains, id) is { } found
            ? await DeleteVersionAsync(grains, organisation, found.Version, "id")
            : Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("id", "definition.versionNotFound", $"No workflow definition version '{id}'.")]);

    public static async Task<IResult> DeleteVersionNumber(IGrainFactory grains, OrganisationDirectory organisation, string definitionId, int version) =>
        await grains.GetGrain<IWorkflowDefinitionGrain>(definitionId).GetVersionAsync(version) is { } found
            ? await DeleteVersionAsync(grains, organisation, found, "version")
            : Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("version", "definition.noSuchVersion", $"Workflow definition '{definitionId}' has no version {version}.", ("definitionId", definitionId), ("version", version))]);

    public static async Task<IResult> Revert(IGrainFactory grains, string definitionId, int version)
    {
        var grain = grains.GetGrain<IWorkflowDefinitionGrain>(definitionId);
        if (await grain.GetVersionAsync(version) is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("version", "definition.noSuchVersion", $"Workflow definition '{definitionId}' has no version {version}.", ("definitionId", definitionId), ("version", version))]);
        }

        var reverted = await grain.RevertAsync(version);
        return ElsaJson.Ok(DefinitionDocuments.Summary(definitionId, VersionOptions.Summary(reverted), canEdit: true));
    }

    public static async Task<IResult> Import(HttpRequest request, IGrainFactory grains)
    {
        var (model, problem) = await JsonBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var isNew = model["definitionId"] is not JsonValue given || !given.TryGetValue(out string? text) || string.IsNullOrWhiteSpace(text);
        var (definitionId, badId) = DefinitionIdOf(model);
        if (badId is not null)
        {
            return badId;
        }

        try
        {
            var imported = await grains.GetGrain<IWorkflowDefinitionGrain>(definitionId).ImportAsync(model.ToJsonString());
            var document = DefinitionDocuments.Document(imported, canEdit: true);
            return isNew
                ? TypedResults.Created($"/elsa/api/workflow-definitions/by-definition-id/{Uri.EscapeDataString(definitionId)}", document)
                : ElsaJson.Ok(document);
        }
        catch (DefinitionRejectedException rejected)
        {
            return DefinitionProblems.Rejected(rejected);
        }
    }

    /// <summary>
    /// Workflows run inside cases, which a clerk opens with the applicant's details; the studio has none of those.
    /// This header makes the studio say "The workflow cannot be started" instead of reporting an error.
    /// </summary>
    public static IResult Execute(HttpResponse response, string definitionId)
    {
        response.Headers["x-elsa-workflow-cannot-start"] = "true";
        return ElsaJson.Ok(new JsonObject
        {
            ["definitionId"] = definitionId,
            ["message"] = "ServiceHall workflows start when a clerk opens a case (POST /api/cases).",
        });
    }

    /// <summary>The definition id from a posted model, or a new one when the studio creates a workflow (null id).</summary>
    public static (string DefinitionId, IResult? Problem) DefinitionIdOf(JsonObject model)
    {
        switch (model["definitionId"])
        {
            case null:
                break;
            case JsonValue value when value.TryGetValue(out string? text):
                if (!string.IsNullOrWhiteSpace(text))
                {
                    return (text, null);
                }

                break;
            default:
                return ("", Problems.BadRequest("model.definitionId", "'definitionId' must be a string or null.", "field.notText"));
        }

        var created = Guid.NewGuid().ToString("N");
        model["definitionId"] = created;
        return (created, null);
    }

    private static async Task<IResult> DeleteVersionAsync(IGrainFactory grains, OrganisationDirectory organisation, DefinitionVersion version, string field)
    {
        var (count, numbers) = await DefinitionUsage.RunningCasesAsync(grains, organisation, version.DefinitionId, version.Version);
        if (count > 0)
        {
            return Problems.Result(StatusCodes.Status409Conflict, [FieldError.Of(field, "definition.versionInUse",
                $"Version {version.Version} of '{version.DefinitionId}' cannot be deleted: {DefinitionUsage.Describe(count, numbers)}",
                ("definitionId", version.DefinitionId), ("version", version.Version), ("count", count), ("cases", DefinitionUsage.Numbers(count, numbers)))]);
        }

        await grains.GetGrain<IWorkflowDefinitionGrain>(version.DefinitionId).DeleteVersionAsync(version.Id);
        return TypedResults.NoContent();
    }

    private static IResult Saved(DefinitionVersion version, bool alreadyPublished) => ElsaJson.Ok(new JsonObject
    {
        ["workflowDefinition"] = DefinitionDocuments.Document(version, canEdit: true),
        ["alreadyPublished"] = alreadyPublished,
        ["consumingWorkflowCount"] = 0,
        ["validationErrors"] = new JsonArray(),
    });

    private static IResult NotFound(string definitionId) =>
        Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("definitionId", "definition.notFound", $"No workflow definition '{definitionId}'.", ("definitionId", definitionId))]);
}
