using Orleans.Concurrency;

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
public sealed record DefinitionSummary
{
    [Id(0)] public required string DefinitionId { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public string? Description { get; init; }

    /// <summary>The number of the version with <c>isLatest</c>.</summary>
    [Id(3)] public required int LatestVersion { get; init; }

    /// <summary>The number of the published version, or null when none is published.</summary>
    [Id(4)] public int? PublishedVersion { get; init; }

    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }
}
