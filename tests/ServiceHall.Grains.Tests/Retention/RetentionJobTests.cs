using System.Text;
using System.Text.Json;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Documents;
using ServiceHall.Grains.Retention;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Tests.Cases.Storage;
using ServiceHall.TestSupport;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Grains.Tests.Retention;

/// <summary>
/// The retention job on the embedded database and the test clock: a case closed longer ago than the retention period
/// goes with every row and upload when the clock passes the next run; younger closed cases and open cases stay; each
/// run is logged; a second run finds nothing new.
/// </summary>
public sealed class RetentionJobTests(RetentionCluster cluster) : IClassFixture<RetentionCluster>
{
    [Fact]
    public async Task ACaseClosedLongerAgoThanTheRetentionPeriodIsPurgedOnTheNextRunAndNothingElse()
    {
        var now = cluster.Clock.GetUtcNow();
        var scan = await cluster.Documents.SaveAsync(new NewDocument("case-old", "scan.pdf", "application/pdf"), new MemoryStream(Encoding.UTF8.GetBytes("%PDF scan")));
        var old = await StoreAsync("case-ret-old", CaseStatuses.Completed, closedAt: now.AddYears(-31), upload: scan, queued: true);
        var older = await StoreAsync("case-ret-older", CaseStatuses.Completed, closedAt: now.AddYears(-32));
        var recent = await StoreAsync("case-ret-recent", CaseStatuses.Completed, closedAt: now.AddYears(-29));
        var open = await StoreAsync("case-ret-open", CaseStatuses.Open, closedAt: null, openedAt: now.AddYears(-40));

        // The older case is active with its state in memory when it is purged.
        Assert.Equal("tianhe", await cluster.Cluster.Client.GetGrain<ICaseGrain>(older).RepublishSummaryAsync("elsewhere"));
        Assert.True(await CaseRowsOnDisk.CountAsync(cluster.DataFolder, old) >= 5);
        // Its tracking code resolves from its board row (CaseRowSamples' code), through an activation that stays.
        var olderCode = cluster.Cluster.Client.GetGrain<ITrackingGrain>(ITrackingGrain.Key("TRK" + older.ToUpperInvariant()));
        Assert.Equal(older, await olderCode.GetCaseIdAsync());

        await cluster.Job.StartAsync();
        Assert.Null(await cluster.Job.RunIfDueAsync());
        Assert.Equal(now.AddDays(1), (await cluster.Job.GetLogAsync()).NextRunAt);

        cluster.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var log = await Eventually.UntilAsync(() => cluster.Job.GetLogAsync(), l => l.Runs.Count == 1, "the reminder ran the due retention run");

        var run = Assert.Single(log.Runs);
        Assert.Equal(2, run.Purged);
        Assert.Equal([older, old], run.CaseIds);
        Assert.Equal(0, run.DocumentsNotDeleted);
        Assert.Equal(cluster.Clock.GetUtcNow().AddYears(-30), run.Cutoff);
        Assert.Null(await cluster.Cases.LoadAsync(old));
        Assert.Equal(0L, await CaseRowsOnDisk.CountAsync(cluster.DataFolder, old));
        Assert.Equal(0L, await CaseRowsOnDisk.CountAsync(cluster.DataFolder, older));
        Assert.NotNull(await cluster.Cases.LoadAsync(recent));
        Assert.NotNull(await cluster.Cases.LoadAsync(open));
        Assert.Equal([open, recent], (await cluster.Cases.ListCaseIdsAsync(null, 100)).Where(id => id.StartsWith("case-ret-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Empty(await cluster.Cases.ClosedBeforeAsync(run.Cutoff, 100));
        Assert.Null(await cluster.Documents.OpenAsync(scan.Id));

        // The purged case is not served from the activation that held it, nor does it come back as a case.
        Assert.Null(await cluster.Cluster.Client.GetGrain<ICaseGrain>(older).RepublishSummaryAsync("elsewhere"));
        Assert.Null(await olderCode.GetCaseIdAsync());

        // The next run, a day later, finds nothing new and is logged too.
        cluster.Clock.Advance(TimeSpan.FromDays(1));
        log = await Eventually.UntilAsync(() => cluster.Job.GetLogAsync(), l => l.Runs.Count == 2, "the second retention run");
        Assert.Equal(0, log.Runs[0].Purged);
        Assert.Empty(log.Runs[0].CaseIds);
        Assert.NotNull(await cluster.Cases.LoadAsync(recent));
        Assert.NotNull(await cluster.Cases.LoadAsync(open));
    }

    [Theory]
    [InlineData(-1, 200, "Years")]
    [InlineData(30, 0, "BatchSize")]
    public void OptionsThatCannotRunAreRefused(int years, int batchSize, string named)
    {
        Assert.Contains(named, new RetentionOptions { Years = years, BatchSize = batchSize }.Problem());
        Assert.Null(new RetentionOptions().Problem());
        Assert.Null(new RetentionOptions { Years = 0 }.Problem());
    }

    /// <summary>Stores a case as the case grain would: head, a journal entry, its uploads and its board row in one save.</summary>
    private async Task<string> StoreAsync(string id, string status, DateTimeOffset? closedAt, DateTimeOffset? openedAt = null, StoredDocument? upload = null, bool queued = false)
    {
        var opened = openedAt ?? closedAt!.Value.AddHours(-3);
        var state = new CaseState { Id = id, Hall = "tianhe", Status = status, Version = 1, OpenedAt = opened };
        List<ListAppend> appends = [new("case_journal", 1, [OpeningEntry(opened)], Rewrite: false)];
        if (upload is not null)
        {
            var material = new UploadedMaterial
            {
                MaterialCode = "id-card", DocumentId = upload.Id, FileName = upload.FileName, ContentType = upload.ContentType,
                Length = upload.Length, Sha256 = upload.Sha256,
            };
            appends.Add(new("case_upload", 1, [JsonSerializer.Serialize(material, StableJsonGrainStorageSerializer.Options)], Rewrite: false));
        }

        await cluster.Cases.SaveAsync(new CaseWrite
        {
            CaseId = id,
            ExpectedRevision = null,
            Version = 1,
            Status = status,
            Head = CaseRows.Head(state),
            Appends = appends,
            // A queued message stands for the outbox rows; only on a case no test activates (it is not a real message).
            OutboxAdded = queued ? [new StoredOutboxRow(1, id + "-sms-1", "{}")] : [],
            OutboxRemoved = [],
            Summary = CaseRowSamples.Row(id, openedAt: opened, status: status),
        });
        return id;
    }

    private static string OpeningEntry(DateTimeOffset at) => JsonSerializer.Serialize(new CaseJournalEntry
    {
        Sequence = 1, At = at, Actor = "clerk", Role = "clerk", Action = "open", FromStage = "none", ToStage = "acceptance",
        Kind = CaseJournalKinds.Opened,
    }, StableJsonGrainStorageSerializer.Options);
}
