using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Storage;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.TestSupport.LegacyCases;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// The case tables on a real server: cases stored as single grain-state rows before V0006 convert into head and entry
/// rows that read back as the same cases, and a save from a stale revision changes nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CaseStoreTests(PostgresFixture postgres)
{
    private const string ServiceId = "servicehall-legacy";

    [SkippableFact]
    public async Task CasesStoredAsGrainStateReadBackIdenticallyAfterTheMigration()
    {
        var legacy = LegacyCaseRows.Load();
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString, through: 5);
        await InsertLegacyRowsAsync(connectionString, legacy);

        var applied = await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString);

        Assert.Contains(6, applied);
        var store = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), ServiceId);
        foreach (var row in legacy.Rows)
        {
            var before = JsonSerializer.Deserialize<CaseState>(row.Payload, StableJsonGrainStorageSerializer.Options)!;
            var stored = await store.LoadAsync(row.CaseId);
            Assert.NotNull(stored);
            var after = CaseRows.Read(stored);

            Assert.Equal(row.Version, stored.Revision);
            Assert.Equal(Json(before), Json(after));
            Assert.Equal(Json(CaseViews.Staff(before)), Json(CaseViews.Staff(after)));
            Assert.Equal(Json(CaseViews.Applicant(before, legacy.At)), Json(CaseViews.Applicant(after, legacy.At)));
        }

        Assert.Equal(legacy.Rows.Select(r => r.CaseId).Order(StringComparer.Ordinal), await store.ListCaseIdsAsync(null, 100));
        Assert.Empty(await new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), "another-service").ListCaseIdsAsync(null, 100));
    }

    [SkippableFact]
    public async Task ASaveFromAStaleRevisionIsRejectedWholeAndAnAppendNeverRewritesEarlierEntries()
    {
        var legacy = LegacyCaseRows.Load();
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), ServiceId);
        var row = legacy.Rows.MaxBy(r => r.Payload.Length)!;
        var full = JsonSerializer.Deserialize<CaseState>(row.Payload, StableJsonGrainStorageSerializer.Options)!;

        // The case as it was two journal entries ago, then moved on to the full case by one save.
        var earlier = full.Copy();
        earlier.Journal = full.Journal[..^2];
        earlier.Version = full.Version - 2;
        await store.SaveAsync(CaseRows.Between(row.CaseId, new CaseState(), earlier, null, 0, null));
        var journalBefore = await EntriesAsync(connectionString, row.CaseId);
        await store.SaveAsync(CaseRows.Between(row.CaseId, earlier, full, 1, 0, null));

        var stale = full.Copy();
        stale.Version++;
        stale.Status = CaseStatuses.Withdrawn;
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.SaveAsync(CaseRows.Between(row.CaseId, earlier, stale, 1, 0, null)));

        var stored = await store.LoadAsync(row.CaseId);
        Assert.Equal(2, stored!.Revision);
        Assert.Equal(Json(full), Json(CaseRows.Read(stored)));
        Assert.Equal(2, await store.RevisionAsync(row.CaseId));
        var journalAfter = await EntriesAsync(connectionString, row.CaseId);
        Assert.Equal(journalBefore, journalAfter.Take(journalBefore.Count));
        Assert.Equal(full.Journal.Count, journalAfter.Count);
    }

    [SkippableFact]
    public async Task ActivationCountsTheWorkflowJournalInsteadOfLoadingItAndAppendsGoOnAfterIt()
    {
        var legacy = LegacyCaseRows.Load();
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresCaseStore(NpgsqlDataSource.Create(connectionString), ServiceId);
        var row = legacy.Rows.MaxBy(r => JsonSerializer.Deserialize<CaseState>(r.Payload, StableJsonGrainStorageSerializer.Options)!.WorkflowJournal.Count)!;
        var full = JsonSerializer.Deserialize<CaseState>(row.Payload, StableJsonGrainStorageSerializer.Options)!;
        Assert.True(full.WorkflowJournal.Count >= 3);
        var earlier = full.Copy();
        earlier.WorkflowJournal = full.WorkflowJournal[..^2];
        await store.SaveAsync(CaseRows.Between(row.CaseId, new CaseState(), earlier, null, 0, null));

        // What a case grain reads: everything but the workflow journal, which is only counted.
        var activation = (await store.LoadAsync(row.CaseId, CaseLoad.ForActivation))!;
        Assert.False(activation.Lists.ContainsKey(CaseRows.WorkflowJournal.Table));
        var loaded = CaseRows.Read(activation);
        Assert.Empty(loaded.WorkflowJournal);
        Assert.Equal(earlier.WorkflowJournal.Count, loaded.WorkflowJournalStored);

        // A command of that copy appends the last two entries after the ones it never loaded.
        var next = loaded.Copy();
        next.WorkflowJournal.AddRange(full.WorkflowJournal[^2..]);
        await store.SaveAsync(CaseRows.Between(row.CaseId, loaded, next, 1, 0, null));

        Assert.Equal(Json(full), Json(CaseRows.Read((await store.LoadAsync(row.CaseId))!)));
        var paged = new List<string>();
        for (var page = await store.ReadEntriesAsync(row.CaseId, CaseRows.WorkflowJournal.Table, 0, 2); page.Count > 0;
             page = await store.ReadEntriesAsync(row.CaseId, CaseRows.WorkflowJournal.Table, paged.Count, 2))
        {
            paged.AddRange(page);
        }

        Assert.Equal(full.WorkflowJournal.Select(Json), paged.Select(e => Json(JsonSerializer.Deserialize<ServiceHall.Workflows.Interpreter.JournalEntry>(e, StableJsonGrainStorageSerializer.Options))));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StableJsonGrainStorageSerializer.Options);

    private static async Task<List<(long Seq, string Entry, uint Xmin)>> EntriesAsync(string connectionString, string caseId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // xmin is the transaction that wrote the row: a rewritten row, even with the same text, gets a new one.
        await using var command = new NpgsqlCommand("SELECT seq, entry, xmin FROM case_journal WHERE case_id = @case ORDER BY seq;", connection);
        command.Parameters.AddWithValue("case", caseId);
        var entries = new List<(long, string, uint)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add((reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<uint>(2)));
        }

        return entries;
    }

    /// <summary>The rows as the Orleans ADO.NET provider stored them: state name 'case', the case id as the key's extension.</summary>
    private static async Task InsertLegacyRowsAsync(string connectionString, LegacyCaseRows legacy)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var hash = 0;
        foreach (var row in legacy.Rows)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                            grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
                VALUES (@hash, 0, 0, 42, 'case', @case, @service, @payload, now(), @version);
                """, connection);
            command.Parameters.AddWithValue("hash", ++hash);
            command.Parameters.AddWithValue("case", row.CaseId);
            command.Parameters.AddWithValue("service", ServiceId);
            command.Parameters.AddWithValue("payload", System.Text.Encoding.UTF8.GetBytes(row.Payload));
            command.Parameters.AddWithValue("version", (int)row.Version);
            await command.ExecuteNonQueryAsync();
        }
    }
}
