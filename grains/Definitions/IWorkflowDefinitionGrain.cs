using Orleans.Concurrency;

namespace ServiceHall.Grains.Definitions;

/// <summary>
/// One workflow (key: Elsa <c>definitionId</c>) and all its versions, with Elsa 3's draft/publish/fork rules
/// (shared/elsa-studio-compat.md §2.3). Versions are kept as the Elsa definition JSON, so whatever the studio sent
/// (designer metadata included) comes back unchanged.
/// </summary>
[Alias("ServiceHall.Grains.Definitions.IWorkflowDefinitionGrain")]
public interface IWorkflowDefinitionGrain : IGrainWithStringKey
{
    [Alias("GetVersionsAsync")]
    Task<IReadOnlyList<DefinitionVersion>> GetVersionsAsync();

    /// <summary>The published version, or null when none is published.</summary>
    [Alias("GetPublishedAsync")]
    Task<DefinitionVersion?> GetPublishedAsync();

    [Alias("GetLatestAsync")]
    Task<DefinitionVersion?> GetLatestAsync();

    [Alias("GetVersionAsync")]
    Task<DefinitionVersion?> GetVersionAsync(int version);

    /// <summary>
    /// Saves a definition JSON (Elsa shape) as a draft or published version per the Elsa rules; returns the version
    /// written. Throws <see cref="DefinitionRejectedException"/> listing every validation error when it cannot be
    /// published (or cannot be read at all).
    /// </summary>
    [Alias("SaveAsync")]
    Task<DefinitionVersion> SaveAsync(string definitionJson, bool publish);

    /// <summary>
    /// Saves a definition brought in from a file as a draft, like <see cref="SaveAsync"/> but without refusing to drop
    /// activities the engine cannot show: an import replaces the content on purpose.
    /// </summary>
    [Alias("ImportAsync")]
    Task<DefinitionVersion> ImportAsync(string definitionJson);

    /// <summary>Publishes the latest version. Returns false (and changes nothing) when it is already published.</summary>
    [Alias("PublishAsync")]
    Task<bool> PublishAsync();

    [Alias("RetractAsync")]
    Task RetractAsync();

    /// <summary>Copies an old version into a new latest, unpublished version.</summary>
    [Alias("RevertAsync")]
    Task<DefinitionVersion> RevertAsync(int version);

    [Alias("DeleteAsync")]
    Task DeleteAsync();

    /// <summary>
    /// Deletes one version (Elsa's rules: a published version is retracted first, and the highest remaining version
    /// becomes the latest). Returns false when this definition has no version with that id.
    /// </summary>
    [Alias("DeleteVersionAsync")]
    Task<bool> DeleteVersionAsync(string versionId);

    /// <summary>Sends this definition's summary to the index again (the index asks after it finds an outdated entry).</summary>
    [OneWay]
    [Alias("RefreshIndexAsync")]
    Task RefreshIndexAsync();

    /// <summary>Publishes <paramref name="definitionJson"/> as version 1 when this definition has no versions yet; otherwise does nothing.</summary>
    [Alias("SeedAsync")]
    Task SeedAsync(string definitionJson);
}

/// <summary>One stored version of a workflow definition.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Definitions.DefinitionVersion")]
public sealed record DefinitionVersion
{
    /// <summary>Elsa's version id (new for every version).</summary>
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string DefinitionId { get; init; }

    [Id(2)] public required int Version { get; init; }

    [Id(3)] public required bool IsLatest { get; init; }

    [Id(4)] public required bool IsPublished { get; init; }

    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(6)] public required string Name { get; init; }

    /// <summary>The full Elsa definition JSON of this version, with id/version/isLatest/isPublished kept in step.</summary>
    [Id(7)] public required string Json { get; init; }
}

/// <summary>A definition could not be saved or published; each error names the activity and the problem.</summary>
[GenerateSerializer, Alias("ServiceHall.Grains.Definitions.DefinitionRejectedException")]
public sealed class DefinitionRejectedException(IReadOnlyList<DefinitionProblem> problems)
    : Exception("The workflow definition was rejected: " + string.Join("; ", problems.Select(p => $"{p.ActivityId ?? "(definition)"}: {p.Problem}")))
{
    [Id(0)] public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}

/// <summary>
/// One reason a definition was refused: the activity (null: the whole definition), the English text, and the error
/// catalogue's code with the values its message names, so the studio reads it in the designer's language.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Definitions.DefinitionProblem")]
public sealed record DefinitionProblem([property: Id(0)] string? ActivityId, [property: Id(1)] string Problem)
{
    [Id(2)] public string Code { get; init; } = "definition.invalid";

    [Id(3)] public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();

    public static DefinitionProblem From(Workflows.Definitions.DefinitionError error) =>
        new(error.ActivityId, error.Problem) { Code = error.Code, Args = error.Args };
}
