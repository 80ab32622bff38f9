using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.TestSupport;
using ServiceHall.TestSupport.LegacyCases;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases.Storage;

/// <summary>
/// An embedded database written before the case tables existed (one grain-state row per case) opens with every case
/// showing exactly what it showed before: view, applicant view, journal and workflow journal.
/// </summary>
public sealed class LegacyCaseConversionTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task EveryStoredCaseReadsBackIdenticallyAfterTheUpgrade()
    {
        var legacy = LegacyCaseRows.Load();
        Assert.Equal(legacy.At, cluster.Clock.GetUtcNow());

        await cluster.RestartAsync(() => WriteLegacyDatabaseAsync(legacy));

        // Views count queued messages: keep them queued, as they were when the views were taken.
        cluster.Sms.FailNext(int.MaxValue);
        try
        {
            foreach (var row in legacy.Rows)
            {
                var expected = legacy.Views[row.CaseId]!;
                var grain = cluster.Case(row.CaseId);
                var staff = await GetAsync(grain);
                var applicant = (await grain.TrackAsync(staff.TrackingCode!)).Case!;
                var trace = (await grain.GetWorkflowTraceAsync(Clerk)).Trace!;

                AssertSameJson(expected["staff"]!, WithoutLaterFields(Json(staff)), row.CaseId + " staff view");
                AssertSameJson(expected["applicant"]!, WithoutLaterFields(Json(applicant)), row.CaseId + " applicant view");
                AssertSameJson(expected["workflowJournal"]!, trace.JournalJson, row.CaseId + " workflow journal");
            }
        }
        finally
        {
            cluster.Sms.FailNext(0);
        }
    }

    [Fact]
    public async Task AConvertedCaseKeepsMembersANewerBuildWroteAndGoesOnFromItsVersion()
    {
        var legacy = LegacyCaseRows.Load();
        await cluster.RestartAsync(() => WriteLegacyDatabaseAsync(legacy));
        var row = Assert.Single(legacy.Rows, r => r.Payload.Contains("someFutureField", StringComparison.Ordinal));
        var opened = legacy.Rows.First(r => JsonNode.Parse(r.Payload)!["journal"]!.AsArray().Count == 1);

        var accepted = await ActAsync(cluster.Case(opened.CaseId), Clerk, ActionNames.Accept);

        // Activation sends the rejected case's queued message; its sent mark rewrites the head on deactivation.
        await GetAsync(cluster.Case(row.CaseId));
        await cluster.Cluster.DeactivateAsync(cluster.Case(row.CaseId));
        var head = await Eventually.UntilAsync(() => HeadAsync(row.CaseId), h => h["messagesSent"]?.GetValue<int>() == 1,
            "the sent mark saved", describe: h => h.ToJsonString());

        Assert.Equal(2, accepted.Version);
        await cluster.RestartAsync();
        AssertJournalGapFree(await GetAsync(cluster.Case(opened.CaseId)));
        Assert.True(head["someFutureField"]?["kept"]?.GetValue<bool>(), head.ToJsonString());
    }

    // Views gained these fields after the fixture was written (issue 22: who collected, approval opinions, each
    // correction round); everything the old code showed must still read back exactly.
    private static readonly string[] ViewFieldsAddedSinceTheFixture = ["collection", "opinions", "corrections"];

    private static string WithoutLaterFields(string view)
    {
        var node = JsonNode.Parse(view)!.AsObject();
        foreach (var field in ViewFieldsAddedSinceTheFixture)
        {
            node.Remove(field);
        }

        return node.ToJsonString();
    }

    private static void AssertSameJson(JsonNode expected, string actual, string what) =>
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(actual)), $"{what} differs:\nexpected {expected.ToJsonString()}\nactual   {actual}");

    private async Task<JsonObject> HeadAsync(string caseId)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT head FROM case_head WHERE case_id = $case;";
        command.Parameters.AddWithValue("$case", caseId);
        return JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!.AsObject();
    }

    /// <summary>A fresh file with the first schema step only, holding the legacy rows as that release wrote them.</summary>
    private async Task WriteLegacyDatabaseAsync(LegacyCaseRows legacy)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(cluster.DataFolder, "servicehall.db*"))
        {
            File.Delete(file);
        }

        await using var connection = Open();
        await connection.OpenAsync();
        await using (var schema = connection.CreateCommand())
        {
            schema.CommandText = """
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_utc TEXT NOT NULL);
                INSERT INTO schema_version VALUES (1, 'grain state and reminders', '2026-12-01T00:00:00.0000000Z');
                CREATE TABLE grain_state (
                    state_name TEXT NOT NULL, grain_id TEXT NOT NULL, version INTEGER NOT NULL, payload BLOB NULL,
                    modified_utc TEXT NOT NULL, PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;
                CREATE TABLE reminders (
                    grain_id TEXT NOT NULL, reminder_name TEXT NOT NULL, grain_hash INTEGER NOT NULL, start_ticks INTEGER NOT NULL,
                    period_ms INTEGER NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (grain_id, reminder_name)) WITHOUT ROWID;
                CREATE INDEX reminders_by_hash ON reminders (grain_hash);
                """;
            await schema.ExecuteNonQueryAsync();
        }

        foreach (var row in legacy.Rows)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO grain_state VALUES ('case', $grain, $version, $payload, '2026-12-01T00:00:00.0000000Z');";
            insert.Parameters.AddWithValue("$grain", row.GrainId);
            insert.Parameters.AddWithValue("$version", row.Version);
            insert.Parameters.AddWithValue("$payload", System.Text.Encoding.UTF8.GetBytes(row.Payload));
            await insert.ExecuteNonQueryAsync();
        }
    }

    private SqliteConnection Open() => new(new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(cluster.DataFolder, "servicehall.db"),
        Pooling = false,
    }.ToString());
}
