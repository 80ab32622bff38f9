using System.Data.Common;
using Orleans.Storage;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.TestSupport.Board;
using Xunit;

namespace ServiceHall.TestSupport.Cases;

/// <summary>
/// A tracking code names one case, the same on SQLite and PostgreSQL: the board row's unique index refuses the first
/// save of a case whose code another case holds, as a conflict (which the API retries for an opening with an
/// Idempotency-Key), whole (nothing of that case is stored) and alone (the rest of its group commits).
/// </summary>
internal static class TrackingCodeContract
{
    internal static async Task ACaseWhoseTrackingCodeAnotherCaseHoldsIsRefusedWhole(ICaseStore store, ICaseGroupStore groups, ICaseRowsDatabase rows)
    {
        await store.SaveAsync(FirstSave("tc-holder", "TRKHELD"));

        var alone = await Assert.ThrowsAsync<InconsistentStateException>(() => store.SaveAsync(FirstSave("tc-alone", "TRKHELD")));
        var results = await groups.SaveGroupAsync([FirstSave("tc-other", "TRKOTHER"), FirstSave("tc-grouped", "TRKHELD")]);

        Assert.Null(results[0]);
        var grouped = Assert.IsType<InconsistentStateException>(results[1]);

        // Said as what it is, not as a copy behind storage.
        Assert.All([alone, grouped], refused =>
        {
            Assert.Contains("tracking code belongs to another case", refused.Message);
            Assert.DoesNotContain("position", refused.Message);
        });
        Assert.Null(await store.LoadAsync("tc-alone"));
        Assert.Null(await store.LoadAsync("tc-grouped"));
        Assert.NotNull(await store.LoadAsync("tc-other"));
        Assert.Equal("tc-holder", await CaseTrackingRows.CaseIdAsync(rows, "TRKHELD"));
        Assert.Equal("tc-other", await CaseTrackingRows.CaseIdAsync(rows, "TRKOTHER"));
        Assert.Null(await CaseTrackingRows.CaseIdAsync(rows, "TRKNOBODY"));
        // Lookups are exact: callers normalise what the applicant typed before asking.
        Assert.Null(await CaseTrackingRows.CaseIdAsync(rows, "trkheld"));

        // The refused opening, retried with a fresh code as the case grain draws one, is stored.
        await store.SaveAsync(FirstSave("tc-alone", "TRKFRESH"));
        Assert.Equal("tc-alone", await CaseTrackingRows.CaseIdAsync(rows, "TRKFRESH"));

        // Later saves of the holder (same code, newer version) are not clashes with itself.
        await store.SaveAsync(NextSave("tc-holder", "TRKHELD"));
        Assert.Equal(2, (await store.LoadAsync("tc-holder"))!.Revision);
    }

    /// <summary>The index itself refuses a second row with a stored code, whoever writes it.</summary>
    internal static async Task TheTrackingCodeIndexIsUniqueAsync(ICaseRowsDatabase rows)
    {
        await using var connection = await rows.OpenAsync();
        await CaseSummaryRows.UpsertAsync(connection, null, Row("idx-first", "TRKINDEX"));
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => CaseSummaryRows.UpsertAsync(connection, null, Row("idx-second", "TRKINDEX")));
        Assert.Contains("case_summary", refused.Message + (refused.InnerException?.Message ?? ""), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("idx-first", await CaseTrackingRows.CaseIdAsync(rows, "TRKINDEX"));
    }

    private static CaseSummaryRow Row(string id, string trackingCode, long version = 1) =>
        CaseRowSamples.Row(id, version: version) with { TrackingCode = trackingCode };

    private static CaseWrite FirstSave(string id, string trackingCode) => Save(id, trackingCode, expected: null);

    private static CaseWrite NextSave(string id, string trackingCode) => Save(id, trackingCode, expected: 1);

    private static CaseWrite Save(string id, string trackingCode, long? expected)
    {
        var revision = (expected ?? 0) + 1;
        var state = new CaseState { Id = id, Hall = "tianhe", Status = CaseStatuses.Open, Version = revision, TrackingCode = trackingCode };
        return new CaseWrite
        {
            CaseId = id,
            ExpectedRevision = expected,
            Version = revision,
            Status = state.Status,
            Head = CaseRows.Head(state),
            Appends = [new ListAppend("case_journal", revision, [$"{{\"entry\":{revision}}}"], Rewrite: false)],
            OutboxAdded = [],
            OutboxRemoved = [],
            Summary = Row(id, trackingCode, revision),
        };
    }
}
