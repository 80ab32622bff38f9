using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Grains.Definitions;

/// <summary>Writes a version's identity and flags into its JSON and its stored record in one step, so the two never disagree.</summary>
internal static class DefinitionVersionStamp
{
    /// <summary>Stamps <paramref name="definition"/> (edited in place; pass a caller-owned copy).</summary>
    public static StoredDefinitionVersion Stamp(
        WorkflowDefinition definition, string id, int version, DateTimeOffset createdAt, bool isLatest, bool isPublished)
    {
        definition.Id = id;
        definition.Version = version;
        definition.CreatedAt = createdAt;
        definition.IsLatest = isLatest;
        definition.IsPublished = isPublished;
        return new StoredDefinitionVersion
        {
            Id = id,
            Version = version,
            IsLatest = isLatest,
            IsPublished = isPublished,
            CreatedAt = createdAt,
            Name = definition.Name ?? "",
            Description = definition.Description,
            Json = WorkflowJson.Serialize(definition),
        };
    }

    public static StoredDefinitionVersion WithFlags(this StoredDefinitionVersion stored, bool isLatest, bool isPublished) =>
        stored.IsLatest == isLatest && stored.IsPublished == isPublished
            ? stored
            : Stamp(WorkflowJson.Parse(stored.Json), stored.Id, stored.Version, stored.CreatedAt, isLatest, isPublished);

    public static DefinitionVersion ToContract(this StoredDefinitionVersion stored, string definitionId) => new()
    {
        Id = stored.Id,
        DefinitionId = definitionId,
        Version = stored.Version,
        IsLatest = stored.IsLatest,
        IsPublished = stored.IsPublished,
        CreatedAt = stored.CreatedAt,
        Name = stored.Name,
        Json = stored.Json,
    };
}
