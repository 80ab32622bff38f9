using Orleans.Concurrency;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Definitions;

/// <summary>
/// A summary of every workflow definition in one grain (key <see cref="WorkflowDefinitionIndex.Key"/>), so the studio's
/// list can page without activating each definition grain. Fed by <see cref="IWorkflowDefinitionGrain"/> after each
/// write; a read model, never the source of truth.
/// </summary>
[Alias("ServiceHall.Grains.Definitions.IWorkflowDefinitionIndexGrain")]
public interface IWorkflowDefinitionIndexGrain : IGrainWithStringKey
{
    /// <summary>Every summary, ordered by definition id.</summary>
    [Alias("ListAsync"), ReadOnly]
    Task<IReadOnlyList<DefinitionSummary>> ListAsync();

    [Alias("UpsertAsync")]
    Task UpsertAsync(DefinitionSummary summary);

    [Alias("RemoveAsync")]
    Task RemoveAsync(string definitionId);
}

public static class WorkflowDefinitionIndex
{
    /// <summary>The key of the one index grain.</summary>
    public const string Key = "definitions";

    public static IWorkflowDefinitionIndexGrain GetWorkflowDefinitionIndex(this IGrainFactory grains) =>
        grains.GetGrain<IWorkflowDefinitionIndexGrain>(Key);
}

/// <summary>What the definition list shows for one workflow.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Definitions.DefinitionSummary")]
public sealed record DefinitionSummary : StoredRecord
{
    [Id(0)] public required string DefinitionId { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public string? Description { get; init; }

    /// <summary>The number of the version with <c>isLatest</c>.</summary>
    [Id(3)] public required int LatestVersion { get; init; }

    /// <summary>The number of the published version, or null when none is published.</summary>
    [Id(4)] public int? PublishedVersion { get; init; }

    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Every version, oldest first, so lists, version history and lookups by version id need no definition grain.</summary>
    [Id(6)] public IReadOnlyList<DefinitionVersionSummary> Versions { get; init; } = [];

    /// <summary>Activity types and versions some version uses that the engine has no descriptor for (the studio needs placeholders).</summary>
    [Id(7)] public IReadOnlyList<UnknownActivityType> UnknownActivityTypes { get; init; } = [];

    // Compared by content: the index skips writing a summary equal to the one it has.
    public bool Equals(DefinitionSummary? other) =>
        other is not null
        && DefinitionId == other.DefinitionId && Name == other.Name && Description == other.Description
        && LatestVersion == other.LatestVersion && PublishedVersion == other.PublishedVersion && UpdatedAt == other.UpdatedAt
        && Versions.SequenceEqual(other.Versions) && UnknownActivityTypes.SequenceEqual(other.UnknownActivityTypes);

    public override int GetHashCode() => HashCode.Combine(DefinitionId, LatestVersion, PublishedVersion, UpdatedAt);
}

/// <summary>One version as lists show it.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Definitions.DefinitionVersionSummary")]
public sealed record DefinitionVersionSummary : StoredRecord
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required int Version { get; init; }

    [Id(2)] public required bool IsLatest { get; init; }

    [Id(3)] public required bool IsPublished { get; init; }

    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(5)] public required string Name { get; init; }

    [Id(6)] public string? Description { get; init; }
}

/// <summary>An activity type and version without a descriptor, and the out-ports its connections leave from.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Definitions.UnknownActivityType")]
public sealed record UnknownActivityType : StoredRecord
{
    [Id(0)] public required string Type { get; init; }

    [Id(1)] public required int Version { get; init; }

    [Id(2)] public IReadOnlyList<string> Ports { get; init; } = [];

    public bool Equals(UnknownActivityType? other) =>
        other is not null && Type == other.Type && Version == other.Version && Ports.SequenceEqual(other.Ports);

    public override int GetHashCode() => HashCode.Combine(Type, Version);
}
