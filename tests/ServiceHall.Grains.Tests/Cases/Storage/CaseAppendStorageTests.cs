using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Workflows.Interpreter;
using Xunit.Abstractions;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// A command appends its entries and rewrites only the small head: what it writes does not grow with the case's
/// history, and nothing stored earlier is written again.
/// </summary>
public sealed class CaseAppendStorageTests(CaseClusterFixture cluster, ITestOutputHelper output) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task ACommandWritesAsMuchAfterFiftyCorrectionRoundsAsOnAFreshCaseAndNeverRewritesEarlierRows()
    {
        var grain = cluster.NewCase();
        var id = grain.GetPrimaryKeyString();
        var view = await OpenAsync(grain);
        var written = new List<long>();
        for (var round = 1; round <= 50; round++)
        {
            var before = await CaseRowsOnDisk.ReadAsync(cluster.DataFolder, id);
            view = await ActAsync(grain, Clerk, ActionNames.RequestCorrection, new { deficiencies = new[] { new { problem = $"第{round}轮：缺少股东签字" } } });
            var after = await CaseRowsOnDisk.ReadAsync(cluster.DataFolder, id);

            foreach (var (key, entry) in before.Entries)
            {
                Assert.True(after.Entries.TryGetValue(key, out var now) && now == entry, $"round {round}: {key} was rewritten or removed");
            }

            // Bytes of this command: the head plus the rows it added.
            written.Add(after.HeadBytes
                + after.Entries.Where(e => !before.Entries.ContainsKey(e.Key)).Sum(e => (long)Encoding.UTF8.GetByteCount(e.Value))
                + after.Outbox.Where(m => !before.Outbox.ContainsKey(m.Key)).Sum(m => (long)Encoding.UTF8.GetByteCount(m.Value)));
            view = await ActAsync(grain, Clerk, ActionNames.Resubmit, ResubmitPayload(view));
        }

        Assert.Equal(50, view.CorrectionRounds);
        output.WriteLine($"bytes written by request-correction, rounds 1..50: {string.Join(", ", written)}");
        await ReportLoadTimesAsync(id);
        Assert.True(written[^1] <= written[0] * 1.15 + 256,
            $"round 1 wrote {written[0]} bytes, round 50 {written[^1]}: [{string.Join(", ", written)}]");
        AssertJournalGapFree(await GetAsync(grain));
    }

    [Fact]
    public async Task AReactivatedCaseLeavesItsWorkflowJournalInStorageYetTracesAndAppendsItAsBefore()
    {
        var grain = cluster.NewCase();
        var id = grain.GetPrimaryKeyString();
        var view = await OpenAsync(grain);
        for (var round = 1; round <= 3; round++)
        {
            view = await ActAsync(grain, Clerk, ActionNames.RequestCorrection, new { deficiencies = new[] { new { problem = $"第{round}轮：缺少签字" } } });
            view = await ActAsync(grain, Clerk, ActionNames.Resubmit, ResubmitPayload(view));
        }

        var allInMemory = (await grain.GetWorkflowTraceAsync(Clerk)).Trace!;
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.Equal(allInMemory, (await grain.GetWorkflowTraceAsync(Clerk)).Trace);

        // A command of the reactivated case appends after the entries it never loaded.
        await ActAsync(grain, Clerk, ActionNames.RequestCorrection, new { deficiencies = new[] { new { problem = "第4轮：缺少签字" } } });
        var partlyInMemory = (await grain.GetWorkflowTraceAsync(Clerk)).Trace!;
        Assert.StartsWith(allInMemory.JournalJson.TrimEnd(']'), partlyInMemory.JournalJson);
        await cluster.Cluster.DeactivateAsync(grain);
        var reloaded = (await grain.GetWorkflowTraceAsync(Clerk)).Trace!;
        Assert.Equal(partlyInMemory, reloaded);

        var entries = System.Text.Json.Nodes.JsonNode.Parse(reloaded.JournalJson)!.AsArray().Count;
        var positions = (await CaseRowsOnDisk.ReadAsync(cluster.DataFolder, id)).Entries.Keys
            .Where(k => k.StartsWith("case_workflow_journal:", StringComparison.Ordinal)).Select(k => long.Parse(k.Split(':')[1])).Order();
        Assert.Equal(Enumerable.Range(1, entries).Select(i => (long)i), positions);

        var store = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<ICaseStore>();
        var activation = (await store.LoadAsync(id, CaseLoad.ForActivation))!;
        Assert.False(activation.Lists.ContainsKey(CaseRows.WorkflowJournal.Table));
        Assert.Equal(entries, activation.NotLoaded![CaseRows.WorkflowJournal.Table]);
        Assert.Equal(entries, (await store.ReadEntriesAsync(id, CaseRows.WorkflowJournal.Table, 2, 1000)).Count + 2);
    }

    [Fact]
    public async Task AnActionAStaleCopyWouldFindUnavailableIsDecidedOnTheStoredCase()
    {
        var (grain, passed) = await StaleCopyAsync();

        // The stale copy is at formal review, where approve is not available (409); storage is at back-office review.
        var approved = await grain.ActAsync(Command(ActionNames.Approve, Reviewer, new { opinion = "符合条件" }));

        Assert.True(approved.Outcome == CaseOutcome.Ok, Describe(approved));
        Assert.Equal(passed.Version + 1, approved.Case!.Version);
        AssertJournalGapFree(approved.Case);
    }

    [Fact]
    public async Task AnIfMatchOfTheStoredVersionIsNotRefusedByAStaleCopy()
    {
        var (grain, passed) = await StaleCopyAsync();

        var approved = await grain.ActAsync(Command(ActionNames.Approve, Reviewer, new { opinion = "符合条件" }, expectedVersion: passed.Version));

        Assert.True(approved.Outcome == CaseOutcome.Ok, Describe(approved));
        Assert.Equal(passed.Version + 1, approved.Case!.Version);
    }

    [Fact]
    public async Task AnIfMatchOfAnOlderVersionIsStillRefusedAfterTheStoredHeadIsConfirmed()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);

        var refused = await grain.ActAsync(Command(ActionNames.Pass, Reviewer, expectedVersion: opened.Version));

        Assert.Equal(CaseOutcome.PreconditionFailed, refused.Outcome);
        Assert.Equal(opened.Version + 1, (await GetAsync(grain)).Version);
    }

    /// <summary>
    /// What activation pays to read a case: a fresh one against the one with 50 correction rounds (SQLite, median of
    /// 25), every row (as activation read before issue 20) and what activation reads now (the workflow journal counted).
    /// </summary>
    private async Task ReportLoadTimesAsync(string longCaseId)
    {
        var store = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<ICaseStore>();
        var fresh = cluster.NewCase();
        await OpenAsync(fresh);
        foreach (var (name, id) in new[] { ("fresh", fresh.GetPrimaryKeyString()), ("50 rounds", longCaseId) })
        foreach (var load in new[] { CaseLoad.Whole, CaseLoad.ForActivation })
        {
            var times = new List<double>();
            CaseState? loaded = null;
            for (var i = 0; i < 25; i++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                loaded = CaseRows.Read((await store.LoadAsync(id, load))!);
                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine($"load {name} ({load}): median {times[12]:F2} ms, {loaded!.Journal.Count} journal / "
                + $"{loaded.WorkflowJournal.Count} workflow entries loaded ({loaded.WorkflowJournalStored} left in storage), head {CaseRows.Head(loaded).Length} chars");
        }
    }

    /// <summary>
    /// A case whose grain holds the copy after acceptance while storage holds the case after the formal review passed,
    /// as a second activation on a rejoining silo would: storage is rewound to the accepted case, the grain loads it,
    /// then the passed case is written behind its back.
    /// </summary>
    private async Task<(ICaseGrain Grain, CaseView Passed)> StaleCopyAsync()
    {
        var store = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<ICaseStore>();
        var grain = cluster.NewCase();
        var id = grain.GetPrimaryKeyString();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await cluster.Cluster.DeactivateAsync(grain);
        var accepted = CaseRows.Read((await store.LoadAsync(id))!);
        var passed = await ActAsync(grain, Reviewer, ActionNames.Pass);
        await cluster.Cluster.DeactivateAsync(grain);
        var afterPass = CaseRows.Read((await store.LoadAsync(id))!);

        await CaseRowsOnDisk.DeleteAsync(cluster.DataFolder, id);
        await store.SaveAsync(CaseRows.Between(id, new CaseState(), accepted, revision: null, outboxPosition: 0, summary: null));
        Assert.Equal(accepted.Version, (await GetAsync(grain, Reviewer)).Version);
        await store.SaveAsync(CaseRows.Between(id, accepted, afterPass, revision: 1, outboxPosition: 0, summary: null));
        return (grain, passed);
    }
}
