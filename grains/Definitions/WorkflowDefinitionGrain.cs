using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Definitions;

/// <summary>Elsa 3's versioning rules (elsa-studio-compat.md §2.3) over one stored list of versions.</summary>
[GrainType("workflow-definition")]
internal sealed class WorkflowDefinitionGrain(
    [PersistentState("workflow-definition", StorageNames.GrainState)] IPersistentState<WorkflowDefinitionState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    ILogger<WorkflowDefinitionGrain> logger) : Grain, IWorkflowDefinitionGrain
{
    private readonly WorkflowInterpreter _interpreter = new();

    private string DefinitionId => this.GetPrimaryKeyString();

    private IReadOnlyList<StoredDefinitionVersion> Versions => state.State.Versions;

    private StoredDefinitionVersion? Latest => Versions.FirstOrDefault(v => v.IsLatest);

    Task<IReadOnlyList<DefinitionVersion>> IWorkflowDefinitionGrain.GetVersionsAsync() =>
        Task.FromResult<IReadOnlyList<DefinitionVersion>>([.. Versions.Select(v => v.ToContract(DefinitionId))]);

    Task<DefinitionVersion?> IWorkflowDefinitionGrain.GetPublishedAsync() =>
        Task.FromResult(Versions.FirstOrDefault(v => v.IsPublished)?.ToContract(DefinitionId));

    Task<DefinitionVersion?> IWorkflowDefinitionGrain.GetLatestAsync() => Task.FromResult(Latest?.ToContract(DefinitionId));

    Task<DefinitionVersion?> IWorkflowDefinitionGrain.GetVersionAsync(int version) =>
        Task.FromResult(Versions.FirstOrDefault(v => v.Version == version)?.ToContract(DefinitionId));

    Task<DefinitionVersion> IWorkflowDefinitionGrain.SaveAsync(string definitionJson, bool publish) => SaveAsync(definitionJson, publish, keepUnknownActivities: true);

    Task<DefinitionVersion> IWorkflowDefinitionGrain.ImportAsync(string definitionJson) => SaveAsync(definitionJson, publish: false, keepUnknownActivities: false);

    async Task<bool> IWorkflowDefinitionGrain.PublishAsync()
    {
        var latest = Latest ?? throw new InvalidOperationException($"Workflow definition '{DefinitionId}' has no versions to publish.");
        if (latest.IsPublished)
        {
            return false;
        }

        EnsurePublishable(WorkflowJson.Parse(latest.Json));
        await CommitAsync(Arrange(latest.WithFlags(isLatest: true, isPublished: true)));
        return true;
    }

    async Task IWorkflowDefinitionGrain.RetractAsync()
    {
        if (Versions.FirstOrDefault(v => v.IsPublished) is not { } published)
        {
            return;
        }

        var retracted = published.WithFlags(published.IsLatest, isPublished: false);
        await CommitAsync([.. Versions.Select(v => v.Version == published.Version ? retracted : v)]);
    }

    async Task<DefinitionVersion> IWorkflowDefinitionGrain.RevertAsync(int version)
    {
        var source = Versions.FirstOrDefault(v => v.Version == version)
            ?? throw new KeyNotFoundException($"Workflow definition '{DefinitionId}' has no version {version}.");
        var copy = DefinitionVersionStamp.Stamp(
            WorkflowJson.Parse(source.Json), NewVersionId(), NextVersionNumber(), clock.GetUtcNow(), isLatest: true, isPublished: false);
        await CommitAsync(Arrange(copy));
        return copy.ToContract(DefinitionId);
    }

    async Task IWorkflowDefinitionGrain.DeleteAsync()
    {
        if (Versions.Count > 0)
        {
            await state.ClearStateAsync();
        }

        await TellIndexAsync();
    }

    async Task<bool> IWorkflowDefinitionGrain.DeleteVersionAsync(string versionId)
    {
        if (Versions.FirstOrDefault(v => v.Id == versionId) is not { } doomed)
        {
            return false;
        }

        var remaining = Versions.Where(v => v.Id != versionId).ToList();
        if (remaining.Count == 0)
        {
            await state.ClearStateAsync();
            await TellIndexAsync();
            return true;
        }

        // Elsa's rule: the highest remaining version is the latest; publication stays where it was, unless it was this one.
        var highest = remaining.Max(v => v.Version);
        await CommitAsync([.. remaining.Select(v => v.WithFlags(isLatest: v.Version == highest, v.IsPublished))]);
        return true;
    }

    Task IWorkflowDefinitionGrain.RefreshIndexAsync() => TellIndexAsync();

    async Task IWorkflowDefinitionGrain.SeedAsync(string definitionJson)
    {
        if (Versions.Count == 0)
        {
            await SaveAsync(definitionJson, publish: true, keepUnknownActivities: true);
        }
    }

    private async Task<DefinitionVersion> SaveAsync(string definitionJson, bool publish, bool keepUnknownActivities)
    {
        var definition = Read(definitionJson);
        if (keepUnknownActivities && Latest is { } latest)
        {
            EnsureNothingSilentlyDropped(WorkflowJson.Parse(latest.Json), definition);
        }

        if (publish)
        {
            // A failed publish rejects the whole save: the caller gets the problems and the stored versions stay as they were.
            EnsurePublishable(definition);
        }

        var written = Latest is { IsPublished: false } draft
            ? DefinitionVersionStamp.Stamp(definition, draft.Id, draft.Version, draft.CreatedAt, isLatest: true, publish)
            : DefinitionVersionStamp.Stamp(definition, FirstOrNewVersionId(definition), NextVersionNumber(), clock.GetUtcNow(), isLatest: true, publish);
        await CommitAsync(Arrange(written));
        return written.ToContract(DefinitionId);
    }

    /// <summary>Parses and normalises a definition sent for this workflow; drafts need no more than this.</summary>
    private WorkflowDefinition Read(string definitionJson)
    {
        ArgumentNullException.ThrowIfNull(definitionJson);
        if (!WorkflowJson.TryParse(definitionJson, out var definition, out var error))
        {
            throw new DefinitionRejectedException([new DefinitionProblem(null, error) { Code = "definition.unreadable", Args = new Dictionary<string, string> { ["problem"] = error } }]);
        }

        if (!string.IsNullOrEmpty(definition.DefinitionId) && definition.DefinitionId != DefinitionId)
        {
            throw new DefinitionRejectedException([new DefinitionProblem(null,
                $"definitionId '{definition.DefinitionId}' does not match the workflow '{DefinitionId}' it was saved to.")
            {
                Code = "definition.otherDefinitionId",
                Args = new Dictionary<string, string> { ["definitionId"] = definition.DefinitionId, ["target"] = DefinitionId },
            }]);
        }

        definition.DefinitionId = DefinitionId;
        // Links are computed per response from the caller's permissions; storing one caller's would leak them to the next.
        definition.Links = null;
        DefinitionNormalizer.Normalize(definition, _interpreter.Registry);
        return definition;
    }

    /// <summary>
    /// The designer draws an activity it has no descriptor for as nothing, and its autosave then posts the graph without
    /// it; the same happens when it drew nothing at all. Such a save is refused so the stored graph survives.
    /// </summary>
    private void EnsureNothingSilentlyDropped(WorkflowDefinition stored, WorkflowDefinition incoming)
    {
        var dropped = ActivityTypeUsage.DroppedUnknown(stored, incoming, _interpreter.Registry);
        if (dropped.Count > 0)
        {
            throw new DefinitionRejectedException([.. dropped.Select(a => new DefinitionProblem(a.Id,
                $"The save would drop activity '{a.Name ?? a.Id}' of type {a.Type} v{a.Version}, which this server cannot show in the designer; delete it by importing a definition without it.")
            {
                Code = "definition.wouldDrop",
                Args = new Dictionary<string, string> { ["activity"] = a.Name ?? a.Id, ["type"] = a.Type },
            })]);
        }

        if (stored.Activities.Count > 1 && incoming.Root is { Type: BuiltinTypes.Flowchart, Activities: null or { Count: 0 } })
        {
            throw new DefinitionRejectedException([new DefinitionProblem(null,
                $"The save would replace all {stored.Activities.Count} activities with an empty flowchart; reload the designer and try again.")
            {
                Code = "definition.wouldEmpty",
                Args = new Dictionary<string, string> { ["count"] = stored.Activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            }]);
        }
    }

    private void EnsurePublishable(WorkflowDefinition definition)
    {
        var errors = _interpreter.Validate(definition);
        if (errors.Count > 0)
        {
            throw new DefinitionRejectedException([.. errors.Select(DefinitionProblem.From)]);
        }
    }

    /// <summary>
    /// Puts <paramref name="newLatest"/> in place (replacing the version of the same number, if any): every other version
    /// loses <c>isLatest</c>, and loses <c>isPublished</c> too when the new latest is published.
    /// </summary>
    private List<StoredDefinitionVersion> Arrange(StoredDefinitionVersion newLatest) =>
    [
        .. Versions.Where(v => v.Version != newLatest.Version)
            .Select(v => v.WithFlags(isLatest: false, isPublished: v.IsPublished && !newLatest.IsPublished))
            .Append(newLatest)
            .OrderBy(v => v.Version),
    ];

    private async Task CommitAsync(IReadOnlyList<StoredDefinitionVersion> versions)
    {
        var previous = state.State;
        state.State = new WorkflowDefinitionState { Versions = versions };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        await TellIndexAsync();
    }

    private async Task TellIndexAsync()
    {
        var index = GrainFactory.GetWorkflowDefinitionIndex();
        try
        {
            if (Latest is { } latest)
            {
                await index.UpsertAsync(new DefinitionSummary
                {
                    DefinitionId = DefinitionId,
                    Name = latest.Name,
                    Description = latest.Description,
                    LatestVersion = latest.Version,
                    PublishedVersion = Versions.FirstOrDefault(v => v.IsPublished)?.Version,
                    UpdatedAt = clock.GetUtcNow(),
                    Versions = [.. Versions.Select(v => new DefinitionVersionSummary
                    {
                        Id = v.Id,
                        Version = v.Version,
                        IsLatest = v.IsLatest,
                        IsPublished = v.IsPublished,
                        CreatedAt = v.CreatedAt,
                        Name = v.Name,
                        Description = v.Description,
                    })],
                    UnknownActivityTypes = UnknownActivityTypes(),
                });
            }
            else
            {
                await index.RemoveAsync(DefinitionId);
            }
        }
        catch (Exception ex)
        {
            // The versions are already stored; failing the command now would invite a retry that forks another version.
            // The list stays stale until this definition's next write refreshes it.
            logger.LogWarning(ex, "Workflow definition {DefinitionId} was saved but the definition index was not updated.", DefinitionId);
        }
    }

    private List<UnknownActivityType> UnknownActivityTypes() =>
    [
        .. Versions.SelectMany(v => ActivityTypeUsage.Unknown(WorkflowJson.Parse(v.Json), _interpreter.Registry))
            .GroupBy(use => (use.Type, use.Version))
            .OrderBy(g => g.Key.Type, StringComparer.Ordinal).ThenBy(g => g.Key.Version)
            .Select(g => new UnknownActivityType
            {
                Type = g.Key.Type,
                Version = g.Key.Version,
                Ports = [.. g.SelectMany(use => use.Ports).Distinct().Order(StringComparer.Ordinal)],
            }),
    ];

    // The studio's "create" leaves the id out; a definition that brings one for its first version (the shipped ones) keeps it.
    private string FirstOrNewVersionId(WorkflowDefinition definition) =>
        Versions.Count == 0 && !string.IsNullOrWhiteSpace(definition.Id) ? definition.Id : NewVersionId();

    private static string NewVersionId() => Guid.NewGuid().ToString("N");

    private int NextVersionNumber() => Versions.Count == 0 ? 1 : Versions.Max(v => v.Version) + 1;
}
