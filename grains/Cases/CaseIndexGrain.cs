using Microsoft.Extensions.Logging;
using Orleans.Storage;
using ServiceHall.Grains.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The hall's board in memory, newest case first, so a page is read without sorting. It is saved as a snapshot a few
/// seconds after it changes (and on deactivation) rather than on every update: the case grains hold the truth and
/// send their summary again with every change, so the board costs a case command no durable write of its own.
/// </summary>
/// <remarks>
/// Recovery. The snapshot lags the board by up to <see cref="SnapshotDelay"/>, so after a crash the last changes
/// would stay missing until those cases change again. The state therefore says whether the snapshot was written at a
/// clean deactivation: the first change after activation clears that mark durably (one extra write per activation,
/// none per command) and deactivation sets it again with the final snapshot. An activation that finds it unset (a
/// crash, a snapshot older than the mark, or no snapshot at all) has the hall rebuilt from the stored cases in the
/// background (<see cref="IReadModelRebuildGrain"/>) and answers queries from the snapshot meanwhile. What this cannot
/// see: a summary in flight at the instant of a crash while the board was still unchanged since it activated; the
/// case's next change, or an admin rebuild, brings that one back.
/// </remarks>
[GrainType("case-index")]
internal sealed class CaseIndexGrain(
    [PersistentState("case-index", StorageNames.GrainState)] IPersistentState<CaseIndexState> state,
    ILogger<CaseIndexGrain> logger) : Grain, ICaseIndexGrain
{
    private static readonly TimeSpan SnapshotDelay = TimeSpan.FromSeconds(5);
    private readonly List<(DateTimeOffset OpenedAt, string Id)> _newestFirst = [];
    private IGrainTimer? _snapshot;
    private bool _superseded;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var summary in state.State.Cases.Values)
        {
            Insert(summary);
        }

        if (!state.State.SavedOnDeactivation)
        {
            logger.LogInformation("Board {Index}: {Snapshot}; rebuilding it from the stored cases in the background", this.GetPrimaryKeyString(),
                state.RecordExists ? "the snapshot was not written at a clean stop" : "no snapshot");
            await RequestRebuildAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_superseded || (_snapshot is null && state.State.SavedOnDeactivation))
        {
            return;
        }

        _snapshot?.Dispose();
        _snapshot = null;
        state.State.SavedOnDeactivation = true;
        // Should this write fail, the stored snapshot keeps its mark cleared and the next activation rebuilds.
        await TryWriteAsync();
    }

    async Task ICaseIndexGrain.UpsertAsync(CaseSummary summary)
    {
        // Summaries can arrive out of order (one-way calls, retries, rebuilds); an older version never replaces a newer one.
        if (state.State.Cases.TryGetValue(summary.Id, out var known))
        {
            if (known.Version >= summary.Version)
            {
                return;
            }
        }
        else
        {
            Insert(summary);
        }

        state.State.Cases[summary.Id] = summary;
        await ChangedAsync();
    }

    async Task ICaseIndexGrain.RemoveAsync(string caseId, long version)
    {
        if (!state.State.Cases.TryGetValue(caseId, out var known) || known.Version >= version)
        {
            return;
        }

        state.State.Cases.Remove(caseId);
        _newestFirst.Remove((known.OpenedAt, known.Id));
        await ChangedAsync();
    }

    private async Task ChangedAsync()
    {
        if (state.State.SavedOnDeactivation)
        {
            // From now on the stored snapshot may lag the board: record that before a crash can hide it.
            state.State.SavedOnDeactivation = false;
            await SaveSnapshotAsync();
            return;
        }

        ScheduleSnapshot();
    }

    Task<CasePage> ICaseIndexGrain.QueryAsync(CaseQuery query, int skip, int take)
    {
        var page = new List<CaseSummary>(Math.Min(take, 100));
        var total = 0;
        foreach (var (_, id) in query.OldestFirst ? Enumerable.Reverse(_newestFirst) : _newestFirst)
        {
            var summary = state.State.Cases[id];
            if (!Matches(summary, query))
            {
                continue;
            }

            if (total >= skip && page.Count < take)
            {
                page.Add(summary);
            }

            total++;
        }

        return Task.FromResult(new CasePage(page, total));
    }

    Task<CaseStatistics> ICaseIndexGrain.StatisticsAsync(DateOnly from, DateOnly to)
    {
        var cases = state.State.Cases.Values.Where(c => HallDay(c.OpenedAt) is var day && day >= from && day <= to).ToList();
        var handled = cases.Where(c => c.Status == CaseStatuses.Completed && c.ClosedAt is not null)
            .Select(c => (c.Channel, Minutes: (c.ClosedAt!.Value - c.OpenedAt).TotalMinutes)).ToList();
        return Task.FromResult(new CaseStatistics
        {
            Opened = cases.Count,
            Completed = handled.Count,
            ByChannel = Count(cases, c => c.Channel),
            ByWindow = Count(cases, c => c.Window ?? "-"),
            ByDay = Count(cases, c => HallDay(c.OpenedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ByStatus = Count(cases, c => c.Status),
            AverageHandlingMinutes = handled.Count == 0 ? null : handled.Average(h => h.Minutes),
            FastestHandlingMinutes = handled.Count == 0 ? null : handled.Min(h => h.Minutes),
            AverageHandlingMinutesByChannel = handled.GroupBy(h => h.Channel).ToDictionary(g => g.Key, g => g.Average(h => h.Minutes)),
            ReturnRate = cases.Count == 0 ? 0 : (double)cases.Count(c => c.CorrectionRounds > 0) / cases.Count,
            OnlineShare = cases.Count == 0 ? 0 : (double)cases.Count(c => c.Channel == "online") / cases.Count,
            SlaBreaches = cases.Count(c => c.SlaState == "breached"),
            CopiesSaved = cases.Sum(c => c.CopiesSaved),
            IdCardCopiesWaived = cases.Sum(c => c.IdCardCopiesWaived),
            LicenceCopiesWaived = cases.Sum(c => c.LicenceCopiesWaived),
            AverageWaitMinutes = cases.Where(c => c.AppointmentCode is not null && c.AcceptedAt is not null)
                .Select(c => (c.AcceptedAt!.Value - c.OpenedAt).TotalMinutes).DefaultIfEmpty(double.NaN).Average() is var wait && double.IsNaN(wait) ? null : wait,
        });
    }

    // Statistics count days as the hall lives them (UTC+8), like case numbers.
    private static DateOnly HallDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static Dictionary<string, int> Count(IEnumerable<CaseSummary> cases, Func<CaseSummary, string> key) =>
        cases.GroupBy(key).ToDictionary(g => g.Key, g => g.Count());

    private static bool Matches(CaseSummary c, CaseQuery query) =>
        (query.Stage is null || c.Stage == query.Stage)
        && (query.Status is null || c.Status == query.Status)
        && (!query.Overdue || c.SlaState == "breached")
        && (!query.ActiveOnly || !CaseStatuses.IsFinal(c.Status))
        && (query.Channel is null || c.Channel == query.Channel)
        && (query.Department is null || c.Departments.Contains(query.Department, StringComparer.OrdinalIgnoreCase)
            || c.RoutedDepartments.Contains(query.Department, StringComparer.OrdinalIgnoreCase))
        && (query.DeliveryHall is null || string.Equals(c.DeliveryHall, query.DeliveryHall, StringComparison.OrdinalIgnoreCase))
        && (query.Window is null || string.Equals(c.Window, query.Window, StringComparison.OrdinalIgnoreCase))
        && (query.DefinitionIds is null || query.DefinitionIds.Contains(c.DefinitionId, StringComparer.Ordinal))
        && (query.DefinitionVersion is null || c.DefinitionVersion == query.DefinitionVersion)
        && (query.Statuses is null || query.Statuses.Contains(c.Status, StringComparer.Ordinal))
        && (query.WorkflowStatuses is null || query.WorkflowStatuses.Contains(c.WorkflowStatus, StringComparer.Ordinal))
        && (query.Text is not { Length: > 0 } text
            || c.Number.Contains(text, StringComparison.OrdinalIgnoreCase)
            || c.ApplicantName.Contains(text, StringComparison.OrdinalIgnoreCase)
            || c.ServiceItemName.Contains(text, StringComparison.OrdinalIgnoreCase));

    private void Insert(CaseSummary summary)
    {
        var key = (summary.OpenedAt, summary.Id);
        var at = _newestFirst.BinarySearch(key, NewestFirst.Instance);
        _newestFirst.Insert(at < 0 ? ~at : at, key);
    }

    private void ScheduleSnapshot() =>
        _snapshot ??= this.RegisterGrainTimer(_ => SaveSnapshotAsync(), new GrainTimerCreationOptions(SnapshotDelay, Timeout.InfiniteTimeSpan));

    private async Task SaveSnapshotAsync()
    {
        _snapshot?.Dispose();
        _snapshot = null;
        if (!await TryWriteAsync() && !_superseded)
        {
            // Tried again shortly; until then the board is still complete in memory.
            ScheduleSnapshot();
        }
    }

    private async Task<bool> TryWriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (InconsistentStateException exception)
        {
            // Another activation of this board wrote meanwhile (seen while the cluster changes). Neither snapshot is
            // known to be complete: this one steps down and the hall is rebuilt from the cases.
            logger.LogWarning(exception, "Board snapshot of {Index} was written by another activation; rebuilding", this.GetPrimaryKeyString());
            _superseded = true;
            DeactivateOnIdle();
            await RequestRebuildAsync();
            return false;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Board snapshot of {Index} not saved", this.GetPrimaryKeyString());
            return false;
        }
    }

    private Task RequestRebuildAsync() =>
        GrainFactory.GetGrain<IReadModelRebuildGrain>(IReadModelRebuildGrain.Key(ICaseIndexGrain.HallOf(this.GetPrimaryKeyString()))).RequestAsync();

    private sealed class NewestFirst : IComparer<(DateTimeOffset OpenedAt, string Id)>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare((DateTimeOffset OpenedAt, string Id) x, (DateTimeOffset OpenedAt, string Id) y)
        {
            var byTime = y.OpenedAt.CompareTo(x.OpenedAt);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}

internal sealed class CaseIndexState : StoredObject
{
    public Dictionary<string, CaseSummary> Cases { get; set; } = [];

    /// <summary>
    /// Written true with the snapshot taken at a clean deactivation, false once the board changes after activation:
    /// false on activation means the snapshot may lack changes. Snapshots from before this field read as false.
    /// </summary>
    public bool SavedOnDeactivation { get; set; }
}
