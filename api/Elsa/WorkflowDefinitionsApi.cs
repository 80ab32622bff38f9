using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Reading workflow definitions (compat notes §3.3 rows 1–3, 5). Each handler mirrors the folder of the same name
/// under elsa-core's <c>src/modules/Elsa.Workflows.Api/Endpoints/WorkflowDefinitions/</c>: List, GetByDefinitionId,
/// GetById, GetManyById, Count, IsNameUnique.
/// </summary>
public static class WorkflowDefinitionsApi
{
    private static readonly string[] OrderByNames = ["Created", "Name", "Version"];
    private static readonly string[] Directions = ["Ascending", "Descending"];

    public static RouteGroupBuilder MapWorkflowDefinitionsApi(this RouteGroupBuilder elsa)
    {
        var definitions = elsa.MapGroup("/workflow-definitions").WithTags("Elsa workflow definitions");
        definitions.MapGet("/", List).WithName("ListWorkflowDefinitions")
            .WithSummary("Definition versions as summaries: versionOptions, Page (zero-based), PageSize, SearchTerm, OrderBy, OrderDirection, DefinitionIds, Ids.");
        definitions.MapGet("/by-definition-id/{definitionId}", GetByDefinitionId).WithName("GetWorkflowDefinitionByDefinitionId")
            .WithSummary("A definition version: ?versionOptions=Latest (default), Published, LatestOrPublished or a number.");
        definitions.MapGet("/by-id/{id}", GetById).WithName("GetWorkflowDefinitionById").WithSummary("A definition version by its version id.");
        definitions.MapGet("/many-by-id", GetManyById).WithName("GetWorkflowDefinitionsManyById").WithSummary("Definition versions by version ids (?ids=…&ids=…).");
        definitions.MapGet("/query/count", Count).WithName("CountWorkflowDefinitions").WithSummary("How many workflow definitions there are.");
        definitions.MapGet("/validation/is-name-unique", IsNameUnique).WithName("IsWorkflowDefinitionNameUnique")
            .WithSummary("Whether no other definition has this name (?name=…&definitionId=…).");
        return elsa;
    }

    public static async Task<IResult> List(HttpContext context, IGrainFactory grains)
    {
        var query = new ElsaQuery(context.Request.Query);
        var versionOptions = VersionOptions.Parse(query.Text("versionOptions"), VersionOptions.Any);
        if (versionOptions is null)
        {
            return Problems.BadRequest([FieldError.Of("versionOptions", "definition.versionOptionsUnknown", $"Unknown versionOptions '{query.Text("versionOptions")}'.", ("value", query.Text("versionOptions")))]);
        }

        var page = query.Int("Page");
        var pageSize = query.Int("PageSize", minimum: 1);
        var orderBy = query.Choice("OrderBy", OrderByNames) ?? "Name";
        var direction = query.Choice("OrderDirection", Directions) ?? (orderBy == "Name" ? "Ascending" : "Descending");
        var isSystem = query.Bool("IsSystem");
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var definitionIds = query.List("DefinitionIds");
        var ids = query.List("Ids");
        var searchTerm = query.Text("SearchTerm")?.Trim();
        var rows = (await grains.GetWorkflowDefinitionIndex().ListAsync())
            .Where(s => definitionIds is null || definitionIds.Contains(s.DefinitionId, StringComparer.Ordinal))
            .SelectMany(s => s.Versions.Select(v => (Summary: s, Version: v)))
            .Where(row => versionOptions.Matches(row.Version))
            .Where(row => ids is null || ids.Contains(row.Version.Id, StringComparer.Ordinal))
            // Every ServiceHall definition is a user definition; the studio's list asks for IsSystem=False.
            .Where(_ => isSystem != true)
            .Where(row => string.IsNullOrEmpty(searchTerm) || Mentions(row.Summary, row.Version, searchTerm))
            .ToList();

        IEnumerable<(DefinitionSummary Summary, DefinitionVersionSummary Version)> ordered = orderBy switch
        {
            "Version" => rows.OrderBy(r => r.Version.Version).ThenBy(r => r.Summary.DefinitionId, StringComparer.Ordinal),
            "Created" => rows.OrderBy(r => r.Version.CreatedAt).ThenBy(r => r.Version.Version),
            _ => rows.OrderBy(r => r.Version.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Version.Version),
        };
        if (direction == "Descending")
        {
            ordered = ordered.Reverse();
        }

        if (pageSize is { } size)
        {
            ordered = ordered.Skip((page ?? 0) * size).Take(size);
        }

        var canEdit = context.User.CanEdit();
        var links = new JsonArray();
        if (canEdit)
        {
            // Without this link the whole list is read-only in the studio (bulk actions and row menus disabled).
            links.Add(DefinitionDocuments.Link("/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"));
        }

        return ElsaJson.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. ordered.Select(r => (JsonNode)DefinitionDocuments.Summary(r.Summary.DefinitionId, r.Version, canEdit))]),
            ["totalCount"] = rows.Count,
            ["links"] = links,
        });
    }

    public static async Task<IResult> GetByDefinitionId(HttpContext context, IGrainFactory grains, string definitionId, string? versionOptions)
    {
        if (VersionOptions.Parse(versionOptions, VersionOptions.Latest) is not { } options)
        {
            return Problems.BadRequest([FieldError.Of("versionOptions", "definition.versionOptionsUnknown", $"Unknown versionOptions '{versionOptions}'.", ("value", versionOptions))]);
        }

        var version = options.Pick(await grains.GetGrain<IWorkflowDefinitionGrain>(definitionId).GetVersionsAsync());
        return version is null
            ? Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("definitionId", "definition.notFound", $"No workflow definition '{definitionId}' ({versionOptions ?? "Latest"}).", ("definitionId", definitionId))])
            : ElsaJson.Ok(DefinitionDocuments.Document(version, context.User.CanEdit()));
    }

    public static async Task<IResult> GetById(HttpContext context, IGrainFactory grains, string id) =>
        await DefinitionLookup.FindVersionAsync(grains, id) is { } found
            ? ElsaJson.Ok(DefinitionDocuments.Document(found.Version, context.User.CanEdit()))
            : Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("id", "definition.versionNotFound", $"No workflow definition version '{id}'.")]);

    public static async Task<IResult> GetManyById(HttpContext context, IGrainFactory grains)
    {
        var ids = new ElsaQuery(context.Request.Query).List("ids") ?? [];
        var documents = new List<JsonNode?>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (await DefinitionLookup.FindVersionAsync(grains, id) is { } found)
            {
                documents.Add(DefinitionDocuments.Document(found.Version, context.User.CanEdit()));
            }
        }

        return ElsaJson.List(documents);
    }

    public static async Task<IResult> Count(IGrainFactory grains) =>
        ElsaJson.Ok(new JsonObject { ["count"] = (await grains.GetWorkflowDefinitionIndex().ListAsync()).Count });

    public static async Task<IResult> IsNameUnique(IGrainFactory grains, string? name, string? definitionId)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Problems.BadRequest("name", "A name is required.", "field.required");
        }

        var wanted = name.Trim();
        var taken = (await grains.GetWorkflowDefinitionIndex().ListAsync())
            .Where(s => s.DefinitionId != definitionId)
            .Any(s => s.Versions.Any(v => string.Equals(v.Name.Trim(), wanted, StringComparison.OrdinalIgnoreCase)));
        return ElsaJson.Ok(new JsonObject { ["isUnique"] = !taken });
    }

    private static bool Mentions(DefinitionSummary summary, DefinitionVersionSummary version, string term) =>
        version.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
        || (version.Description?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false)
        || summary.DefinitionId.Contains(term, StringComparison.OrdinalIgnoreCase);
}
