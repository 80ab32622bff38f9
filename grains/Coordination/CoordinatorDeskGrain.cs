using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Coordination;

[GrainType("coordinator-desk")]
internal sealed class CoordinatorDeskGrain(
    [PersistentState("coordinator-desk", StorageNames.GrainState)] IPersistentState<CoordinatorDeskState> state) : Grain, ICoordinatorDeskGrain
{
    /// <summary>
    /// Closed (or finished) projects each coordinator's "my projects" still lists, newest assignments first. Older ones
    /// are dropped from the desk: they carry no load and the console only shows the recent ones, so without this cut the
    /// desk's single state row would grow with every key project the hall ever had. The cases themselves keep their
    /// coordination and stay findable through the case search.
    /// </summary>
    public const int ClosedKeptPerCoordinator = 20;

    Task<string?> ICoordinatorDeskGrain.ChooseAsync(string caseId, IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0)
        {
            return Task.FromResult<string?>(null);
        }

        // A retried opening (or a re-run of the rule in the same district) keeps the coordinator already recorded.
        if (state.State.Projects.FirstOrDefault(p => p.CaseId == caseId) is { } known
            && candidates.Contains(known.Coordinator, StringComparer.OrdinalIgnoreCase))
        {
            return Task.FromResult<string?>(known.Coordinator);
        }

        // The case's own entry does not count: it moves with the case, it is not a burden of the candidates.
        var load = Load(except: caseId);
        return Task.FromResult<string?>(candidates.OrderBy(c => load.GetValueOrDefault(c)).First());
    }

    async Task ICoordinatorDeskGrain.RecordAsync(string caseId, string coordinator, bool open)
    {
        var index = state.State.Projects.FindIndex(p => p.CaseId == caseId);
        if (index >= 0 && string.Equals(state.State.Projects[index].Coordinator, coordinator, StringComparison.OrdinalIgnoreCase)
            && state.State.Projects[index].Open == open)
        {
            return;
        }

        var project = new DeskProject(caseId, coordinator, open);
        if (index >= 0 && string.Equals(state.State.Projects[index].Coordinator, coordinator, StringComparison.OrdinalIgnoreCase))
        {
            // Same coordinator, only opened or closed: the project keeps its place in the list.
            state.State.Projects[index] = project;
        }
        else
        {
            // A new coordinator: the whole entry (and with it the load) moves; the project is the newest of the new list.
            if (index >= 0)
            {
                state.State.Projects.RemoveAt(index);
            }

            state.State.Projects.Add(project);
        }

        if (!open)
        {
            PruneClosed(coordinator);
        }

        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<DeskProject>> ICoordinatorDeskGrain.ProjectsOfAsync(string coordinator) =>
        Task.FromResult<IReadOnlyList<DeskProject>>(state.State.Projects
            .Where(p => string.Equals(p.Coordinator, coordinator, StringComparison.OrdinalIgnoreCase))
            .Reverse()
            .OrderByDescending(p => p.Open)
            .ToList());

    Task<IReadOnlyDictionary<string, int>> ICoordinatorDeskGrain.LoadAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(Load(except: null));

    private Dictionary<string, int> Load(string? except) => state.State.Projects
        .Where(p => p.Open && p.CaseId != except)
        .GroupBy(p => p.Coordinator, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    private IEnumerable<DeskProject> ClosedOf(string coordinator) => state.State.Projects
        .Where(p => !p.Open && string.Equals(p.Coordinator, coordinator, StringComparison.OrdinalIgnoreCase));

    /// <summary>Drops the coordinator's oldest closed entries beyond <see cref="ClosedKeptPerCoordinator"/> (list order is assignment order).</summary>
    private void PruneClosed(string coordinator)
    {
        var excess = ClosedOf(coordinator).Count() - ClosedKeptPerCoordinator;
        if (excess <= 0)
        {
            return;
        }

        var dropped = ClosedOf(coordinator).Take(excess).Select(p => p.CaseId).ToHashSet(StringComparer.Ordinal);
        state.State.Projects.RemoveAll(p => dropped.Contains(p.CaseId));
    }
}

internal sealed class CoordinatorDeskState : StoredObject
{
    /// <summary>
    /// In assignment order: every open project, and each coordinator's most recent closed ones
    /// (<see cref="CoordinatorDeskGrain.ClosedKeptPerCoordinator"/>), so the row is bounded by the open work.
    /// </summary>
    public List<DeskProject> Projects { get; set; } = [];
}
