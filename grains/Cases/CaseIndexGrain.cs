using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Cases;

[GrainType("case-index")]
internal sealed class CaseIndexGrain(
    [PersistentState("case-index", StorageNames.GrainState)] IPersistentState<CaseIndexState> state) : Grain, ICaseIndexGrain
{
    async Task ICaseIndexGrain.UpsertAsync(CaseSummary summary)
    {
        // Summaries can arrive out of order (retries, concurrent cases); an older version never replaces a newer one.
        if (state.State.Cases.TryGetValue(summary.Id, out var known) && known.Version >= summary.Version)
        {
            return;
        }

        state.State.Cases[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<CaseSummary>> ICaseIndexGrain.QueryAsync(CaseQuery query)
    {
        IEnumerable<CaseSummary> cases = state.State.Cases.Values;
        if (query.Stage is { } stage)
        {
            cases = cases.Where(c => c.Stage == stage);
        }

        if (query.Status is { } status)
        {
            cases = cases.Where(c => c.Status == status);
        }

        if (query.Channel is { } channel)
        {
            cases = cases.Where(c => c.Channel == channel);
        }

        if (query.Department is { } department)
        {
            cases = cases.Where(c => c.Departments.Contains(department, StringComparer.OrdinalIgnoreCase));
        }

        if (query.Window is { } window)
        {
            cases = cases.Where(c => string.Equals(c.Window, window, StringComparison.OrdinalIgnoreCase));
        }

        if (query.Text is { Length: > 0 } text)
        {
            cases = cases.Where(c =>
                c.Number.Contains(text, StringComparison.OrdinalIgnoreCase)
                || c.ApplicantName.Contains(text, StringComparison.OrdinalIgnoreCase)
                || c.ServiceItemName.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        return Task.FromResult<IReadOnlyList<CaseSummary>>(cases.OrderByDescending(c => c.OpenedAt).ToList());
    }
}

internal sealed class CaseIndexState
{
    public Dictionary<string, CaseSummary> Cases { get; set; } = [];
}
