using Orleans.Storage;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.TestSupport.Board;
using Xunit;

namespace ServiceHall.TestSupport.Cases;

/// <summary>
/// Group commit of case saves, the same on SQLite and PostgreSQL: the saves of several cases commit in one transaction,
/// and a save whose optimistic check fails (a stale head, or an entry position already taken) fails alone, leaving
/// its case exactly as stored while the others commit.
/// </summary>
internal static class GroupCommitContract
{
    internal static async Task OneTransactionCommitsEveryCaseButTheConflictingOnes(ICaseStore store, ICaseGroupStore groups, ICaseRowsDatabase rows)
    {
        string[] ids = ["gc-a", "gc-b", "gc-stale", "gc-c", "gc-taken", "gc-d"];
        foreach (var id in ids)
        {
            await store.SaveAsync(Write(id, expected: null));
        }

        // Behind the group's back the stale case moves on to revision 2; the taken case's save below puts its entry at a
        // position already filled.
        await store.SaveAsync(Write("gc-stale", expected: 1));
        var takenRow = await store.LoadAsync("gc-taken");

        CaseWrite[] group =
        [
            Write("gc-a", 1), Write("gc-b", 1),
            Write("gc-stale", 1),
            Write("gc-c", 1),
            Write("gc-taken", 1) with { Appends = [new ListAppend("case_journal", 1, ["{\"entry\":\"clash\"}"], Rewrite: false)] },
            Write("gc-d", 1), Write("gc-new", expected: null),
        ];
        var results = await groups.SaveGroupAsync(group);

        Assert.Equal(group.Length, results.Count);
        Assert.IsType<InconsistentStateException>(results[2]);
        Assert.IsType<InconsistentStateException>(results[4]);
        foreach (var index in new[] { 0, 1, 3, 5, 6 })
        {
            Assert.Null(results[index]);
            var stored = await store.LoadAsync(group[index].CaseId);
            Assert.Equal(group[index].NewRevision, stored!.Revision);
            Assert.Equal(group[index].NewRevision, stored.Lists["case_journal"].Count);
            Assert.Equal(group[index].Version, await SummaryVersionAsync(rows, group[index].CaseId));
        }

        // The conflicting saves changed nothing of their cases: head, entries and board row as before the group.
        var stale = await store.LoadAsync("gc-stale");
        Assert.Equal(2, stale!.Revision);
        Assert.Equal(2, stale.Lists["case_journal"].Count);
        Assert.Equal(2, await SummaryVersionAsync(rows, "gc-stale"));
        var taken = await store.LoadAsync("gc-taken");
        Assert.Equal(takenRow!.Revision, taken!.Revision);
        Assert.Equal(takenRow.Head, taken.Head);
        Assert.Equal(takenRow.Lists["case_journal"], taken.Lists["case_journal"]);
        Assert.Equal(1, await SummaryVersionAsync(rows, "gc-taken"));
    }

    /// <summary>
    /// A group whose only conflicts are stale heads (one moved on behind its back, one opened twice): each is refused
    /// alone and changes nothing, every other write commits.
    /// </summary>
    internal static async Task StaleHeadsFailAloneInOneGroup(ICaseStore store, ICaseGroupStore groups)
    {
        string[] ids = ["sh-a", "sh-moved", "sh-b", "sh-twice", "sh-c"];
        foreach (var id in ids)
        {
            await store.SaveAsync(Write(id, expected: null));
        }

        await store.SaveAsync(Write("sh-moved", expected: 1));
        CaseWrite[] group = [Write("sh-a", 1), Write("sh-moved", 1), Write("sh-b", 1), Write("sh-twice", expected: null), Write("sh-c", 1)];
        var results = await groups.SaveGroupAsync(group);

        Assert.IsType<InconsistentStateException>(results[1]);
        Assert.IsType<InconsistentStateException>(results[3]);
        Assert.Equal(2, (await store.LoadAsync("sh-moved"))!.Revision);
        Assert.Equal(["{\"entry\":1}"], (await store.LoadAsync("sh-twice"))!.Lists["case_journal"]);
        foreach (var index in new[] { 0, 2, 4 })
        {
            Assert.Null(results[index]);
            Assert.Equal(2, (await store.LoadAsync(group[index].CaseId))!.Revision);
        }
    }

    /// <summary>
    /// Many commands at once through <see cref="GroupCommitCaseStore"/> with one transaction slot: they share
    /// transactions, every acknowledged save is stored, and the one stale save is the only one refused.
    /// </summary>
    internal static async Task ConcurrentSavesShareTransactionsAndOnlyTheStaleOneFails(ICaseStore store, ICaseGroupStore groups)
    {
        var grouped = new GroupCommitCaseStore(store, groups, flushes: 1, maxGroup: 32);
        var ids = Enumerable.Range(1, 24).Select(i => $"gcc-{i:D2}").ToArray();
        await Task.WhenAll(ids.Select(id => grouped.SaveAsync(Write(id, expected: null))));
        await store.SaveAsync(Write(ids[7], expected: 1));

        var saves = ids.Select(id => Outcome(grouped.SaveAsync(Write(id, expected: 1)))).ToArray();
        var outcomes = await Task.WhenAll(saves);

        for (var i = 0; i < ids.Length; i++)
        {
            if (i == 7)
            {
                Assert.IsType<InconsistentStateException>(outcomes[i]);
                Assert.Equal(2, (await store.LoadAsync(ids[i]))!.Revision);
            }
            else
            {
                Assert.Null(outcomes[i]);
                var stored = await store.LoadAsync(ids[i]);
                Assert.Equal(2, stored!.Revision);
                Assert.Equal(["{\"entry\":1}", "{\"entry\":2}"], stored.Lists["case_journal"]);
            }
        }

        var (transactions, committed) = grouped.Committed;
        Assert.Equal(2 * ids.Length - 1, committed);
        Assert.True(transactions < committed, $"{committed} saves took {transactions} transactions: none were shared");
    }

    private static async Task<Exception?> Outcome(Task save)
    {
        try
        {
            await save;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>A case's next save: head at the next revision, one journal entry after the stored ones, its board row.</summary>
    private static CaseWrite Write(string id, long? expected)
    {
        var revision = (expected ?? 0) + 1;
        var state = new CaseState { Id = id, Hall = "tianhe", Status = CaseStatuses.Open, Version = revision };
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
            Summary = CaseRowSamples.Row(id, version: revision),
        };
    }

    private static async Task<long?> SummaryVersionAsync(ICaseRowsDatabase rows, string caseId)
    {
        await using var connection = await rows.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM case_summary WHERE case_id = @case;";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("@case", caseId);
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync() is { } version and not DBNull ? Convert.ToInt64(version) : null;
    }
}
