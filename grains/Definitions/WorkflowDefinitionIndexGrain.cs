using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Definitions;

[GrainType("workflow-definition-index")]
internal sealed class WorkflowDefinitionIndexGrain(
    [PersistentState("workflow-definition-index", StorageNames.GrainState)] IPersistentState<WorkflowDefinitionIndexState> state)
    : Grain, IWorkflowDefinitionIndexGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Entries written before summaries listed their versions are re-sent by their definitions (one-way: a definition
        // grain may itself be waiting on this index).
        foreach (var outdated in state.State.Definitions.Values.Where(summary => summary.Versions.Count == 0))
        {
            GrainFactory.GetGrain<IWorkflowDefinitionGrain>(outdated.DefinitionId).RefreshIndexAsync().Ignore();
        }

        return Task.CompletedTask;
    }

    Task<IReadOnlyList<DefinitionSummary>> IWorkflowDefinitionIndexGrain.ListAsync() =>
        Task.FromResult<IReadOnlyList<DefinitionSummary>>(
            [.. state.State.Definitions.Values.OrderBy(summary => summary.DefinitionId, StringComparer.Ordinal)]);

    Task IWorkflowDefinitionIndexGrain.UpsertAsync(DefinitionSummary summary)
    {
        ArgumentException.ThrowIfNullOrEmpty(summary.DefinitionId);
        // Definition grains re-send their summary after every write, including retries; an identical one costs no write.
        if (state.State.Definitions.TryGetValue(summary.DefinitionId, out var known) && known == summary)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(new Dictionary<string, DefinitionSummary>(state.State.Definitions, StringComparer.Ordinal)
        {
            [summary.DefinitionId] = summary,
        });
    }

    Task IWorkflowDefinitionIndexGrain.RemoveAsync(string definitionId)
    {
        if (!state.State.Definitions.ContainsKey(definitionId))
        {
            return Task.CompletedTask;
        }

        var remaining = new Dictionary<string, DefinitionSummary>(state.State.Definitions, StringComparer.Ordinal);
        remaining.Remove(definitionId);
        return WriteAsync(remaining);
    }

    private async Task WriteAsync(Dictionary<string, DefinitionSummary> definitions)
    {
        var previous = state.State;
        state.State = new WorkflowDefinitionIndexState { Definitions = definitions };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
