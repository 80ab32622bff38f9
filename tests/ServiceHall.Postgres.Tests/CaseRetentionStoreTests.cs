using System.Text.Json;
using Npgsql;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Storage;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// Retention's part of the case store on a real server: only cases closed before the cutoff are found and purged, each
/// with every row of every case table, its upload ids handed back for the document store; younger closed cases, open
/// cases and another service's rows stay; a second purge finds nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CaseRetentionStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Tables =
        ["case_head", "case_journal", "case_workflow_journal", "case_document", "case_upload", "case_outbox", "case_summary"];

    [SkippableFact]
    public async Task OnlyCasesClosedBeforeTheCutoffArePurgedWithAllTheirRows()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), "servicehall-a");
        var other = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), "servicehall-b");
        await StoreAsync(store, "case-old", CaseStatuses.Completed, Now.AddYears(-31), upload: "doc-1");
        await StoreAsync(store, "case-recent", CaseStatuses.Completed, Now.AddYears(-29));
        await StoreAsync(store, "case-open", CaseStatuses.Open, Now.AddYears(-40));
        await StoreAsync(other, "case-theirs", CaseStatuses.Completed, Now.AddYears(-35));
        var cutoff = Now.AddYears(-30);

        Assert.Equal(["case-old"], await store.ClosedBeforeAsync(cutoff, 10));
        Assert.Null(await store.PurgeClosedAsync("case-open", cutoff));
        Assert.Null(await store.PurgeClosedAsync("case-recent", cutoff));
        Assert.Equal(["doc-1"], await store.PurgeClosedAsync("case-old", cutoff));

        Assert.Equal(0L, await RowsAsync(connectionString, "case-old"));
        Assert.True(await RowsAsync(connectionString, "case-recent") >= 4);
        Assert.True(await RowsAsync(connectionString, "case-open") >= 4);
        Assert.True(await RowsAsync(connectionString, "case-theirs") >= 4);
        Assert.Equal(["case-open", "case-recent"], await store.ListCaseIdsAsync(null, 10));
        Assert.Empty(await store.ClosedBeforeAsync(cutoff, 10));
        Assert.Null(await store.PurgeClosedAsync("case-old", cutoff));
    }

    private static Task StoreAsync(PostgresCaseStore store, string id, string status, DateTimeOffset at, string? upload = null)
    {
        // Closed cases close at `at`; the open one opened then.
        var opened = status == CaseStatuses.Open ? at : at.AddHours(-3);
        var state = new CaseState { Id = id, Hall = "tianhe", Status = status, Version = 1, OpenedAt = opened };
        List<ListAppend> appends = [new("case_journal", 1, [OpeningEntry(opened)], Rewrite: false)];
        if (upload is not null)
        {
            var material = new UploadedMaterial
            {
                MaterialCode = "id-card", DocumentId = upload, FileName = "scan.pdf", ContentType = "application/pdf", Length = 9, Sha256 = "00",
            };
            appends.Add(new("case_upload", 1, [JsonSerializer.Serialize(material, StableJsonGrainStorageSerializer.Options)], Rewrite: false));
        }

        return store.SaveAsync(new CaseWrite
        {
            CaseId = id,
            ExpectedRevision = null,
            Version = 1,
            Status = status,
            Head = CaseRows.Head(state),
            Appends = appends,
            OutboxAdded = [new StoredOutboxRow(1, id + "-sms-1", "{}")],
            OutboxRemoved = [],
            Summary = CaseRowSamples.Row(id, openedAt: opened, status: status),
        });
    }

    private static async Task<long> RowsAsync(string connectionString, string caseId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long rows = 0;
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE case_id = @case;", connection);
            command.Parameters.AddWithValue("case", caseId);
            rows += (long)(await command.ExecuteScalarAsync())!;
        }

        return rows;
    }

    private static string OpeningEntry(DateTimeOffset at) => JsonSerializer.Serialize(new CaseJournalEntry
    {
        Sequence = 1, At = at, Actor = "clerk", Role = "clerk", Action = "open", FromStage = "none", ToStage = "acceptance",
        Kind = CaseJournalKinds.Opened,
    }, StableJsonGrainStorageSerializer.Options);
}
