using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Coordination;

[GrainType("coordinator-desk")]
internal sealed class CoordinatorDeskGrain(
    [PersistentState("coordinator-desk", StorageNames.GrainState)] IPersistentState<CoordinatorDeskState> state) : Grain, ICoordinatorDeskGrain
{
    async Task<string?> ICoordinatorDeskGrain.AssignAsync(string caseId, IReadOnlyList<string> candidates)
    {
        if (state.State.Projects.FirstOrDefault(p => p.CaseId == caseId) is { } known)
        {
            return known.Coordinator;
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var load = Load();
        var chosen = candidates.OrderBy(c => load.GetValueOrDefault(c)).First();
        state.State.Projects.Add(new DeskProject(caseId, chosen, Open: true));
        await state.WriteStateAsync();
        return chosen;
    }

    async Task ICoordinatorDeskGrain.MoveAsync(string caseId, string coordinator)
    {
        var index = state.State.Projects.FindIndex(p => p.CaseId == caseId);
        if (index >= 0 && state.State.Projects[index].Coordinator == coordinator)
        {
            return;
        }

        if (index >= 0)
        {
            state.State.Projects.RemoveAt(index);
        }

        state.State.Projects.Add(new DeskProject(caseId, coordinator, Open: true));
        await state.WriteStateAsync();
    }

    async Task ICoordinatorDeskGrain.ReleaseAsync(string caseId)
    {
        var index = state.State.Projects.FindIndex(p => p.CaseId == caseId);
        if (index >= 0 && state.State.Projects[index].Open)
        {
            state.State.Projects[index] = state.State.Projects[index] with { Open = false };
            await state.WriteStateAsync();
        }
    }

    Task<IReadOnlyList<DeskProject>> ICoordinatorDeskGrain.ProjectsOfAsync(string coordinator) =>
        Task.FromResult<IReadOnlyList<DeskProject>>(state.State.Projects
            .Where(p => string.Equals(p.Coordinator, coordinator, StringComparison.OrdinalIgnoreCase))
            .Reverse()
            .OrderByDescending(p => p.Open)
            .ToList());

    Task<IReadOnlyDictionary<string, int>> ICoordinatorDeskGrain.LoadAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(Load());

    private Dictionary<string, int> Load() => state.State.Projects
        .Where(p => p.Open)
        .GroupBy(p => p.Coordinator, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
}

internal sealed class CoordinatorDeskState
{
    /// <summary>In assignment order.</summary>
    public List<DeskProject> Projects { get; set; } = [];
}
