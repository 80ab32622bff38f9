using System.Text.Json.Nodes;
using ServiceHall.Grains.Definitions;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Api.Elsa;

/// <summary>Stored definitions in the shapes the studio reads: the full document with links, and list summaries.</summary>
public static class DefinitionDocuments
{
    public const string ProviderName = "ServiceHall";
    public const string MaterializerName = "Json";

    /// <summary>
    /// The version as the designer opens it. Node ids, input type names and empty collections are filled on every read,
    /// not only on save, because a version stored by an older build or imported from a file may lack them and the
    /// designer crashes without node ids.
    /// </summary>
    public static JsonObject Document(DefinitionVersion version, bool canEdit)
    {
        var definition = WorkflowJson.Parse(version.Json);
        DefinitionNormalizer.Normalize(definition, ActivityRegistry.Default);
        definition.Links = Links(version.DefinitionId, canEdit);
        return JsonNode.Parse(WorkflowJson.Serialize(definition))!.AsObject();
    }

    /// <summary>The version as a file: the document without links, which are computed per reader.</summary>
    public static JsonObject Export(DefinitionVersion version)
    {
        var definition = WorkflowJson.Parse(version.Json);
        DefinitionNormalizer.Normalize(definition, ActivityRegistry.Default);
        definition.Links = null;
        return JsonNode.Parse(WorkflowJson.Serialize(definition))!.AsObject();
    }

    public static JsonObject Summary(string definitionId, DefinitionVersionSummary version, bool canEdit) => new()
    {
        ["id"] = version.Id,
        ["definitionId"] = definitionId,
        ["name"] = version.Name,
        ["description"] = version.Description,
        ["version"] = version.Version,
        ["isLatest"] = version.IsLatest,
        ["isPublished"] = version.IsPublished,
        ["providerName"] = ProviderName,
        ["materializerName"] = MaterializerName,
        ["isMaterializerAvailable"] = true,
        ["createdAt"] = version.CreatedAt,
        ["isReadonly"] = false,
        ["isSystem"] = false,
        ["links"] = Links(definitionId, canEdit),
    };

    /// <summary>
    /// Only <c>rel</c> is read by the studio. Without <c>publish</c> it shows the definition read-only, which is how a
    /// manager sees it.
    /// </summary>
    public static JsonArray Links(string definitionId, bool canEdit)
    {
        var self = $"/elsa/api/workflow-definitions/by-definition-id/{Uri.EscapeDataString(definitionId)}";
        var links = new JsonArray { Link(self, "self", "GET") };
        if (canEdit)
        {
            var path = $"/elsa/api/workflow-definitions/{Uri.EscapeDataString(definitionId)}";
            links.Add(Link($"{path}/publish", "publish", "POST"));
            links.Add(Link($"{path}/retract", "unpublish", "POST"));
            links.Add(Link(path, "delete", "DELETE"));
        }

        return links;
    }

    public static JsonObject Link(string href, string rel, string method) => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };
}
