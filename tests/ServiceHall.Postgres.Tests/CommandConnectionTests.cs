using System.Text.RegularExpressions;
using Npgsql;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.TestSupport.Board;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// The command paths' connections (issue 20, PostgreSQL CPU per command): statements prepared per connection without
/// a reset per borrow, the board row written through a prepared upsert whatever its nulls, and grain-state lookups
/// that take the identity index before the table has statistics.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class CommandConnectionTests(PostgresFixture postgres)
{
    [Fact]
    public void CommandConnectionsPrepareStatementsAndSkipTheResetUnlessTheOperatorSaidOtherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresCommandConnections.For("Host=db;Username=sh;Search Path=servicehall"));
        Assert.Equal(PostgresCommandConnections.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(("db", "sh", "servicehall"), (tuned.Host, tuned.Username, tuned.SearchPath));

        var operators = new NpgsqlConnectionStringBuilder(PostgresCommandConnections.For("Host=db;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, operators.MaxAutoPrepare);
        Assert.False(operators.NoResetOnClose);
    }

    [SkippableFact]
    public async Task ThePreparedBoardUpsertTakesRowsWithAndWithoutNullsAndStaysPrepared()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        // One connection, prepared from the second use: every save below runs on it, most of them prepared.
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresCommandConnections.For(connectionString))
        {
            AutoPrepareMinUsages = 2,
            MaxPoolSize = 1,
        }.ToString());
        var open = CaseRowSamples.Row("p1", version: 1, coordinator: null, district: null);
        var steps = new[]
        {
            open,
            CaseRowSamples.Row("p1", version: 2, deliveryHall: "panyu", coordinator: "coordinator", district: "nansha"),
            open with { Summary = open.Summary with { Version = 3, DueAt = null, AcceptedAt = null, AppointmentCode = null, Window = null } },
            CaseRowSamples.Row("p1", version: 4, status: CaseStatuses.Completed, coordinator: "coordinator"),
            open with { Summary = open.Summary with { Version = 5, ServiceItemNameEn = null }, Organisation = null },
            CaseRowSamples.Row("p1", version: 6, status: CaseStatuses.Completed, deliveryHall: "panyu", district: "nansha"),
        };

        foreach (var row in steps)
        {
            await using (var connection = await source.OpenConnectionAsync())
            await using (var transaction = await connection.BeginTransactionAsync())
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                CaseSummaryRows.AddUpsert(batch, row);
                Assert.Equal(1, await batch.ExecuteNonQueryAsync());
                await transaction.CommitAsync();
            }

            CaseRowsWriterContract.AssertSame(row.Summary, await ReadAsync(source, "p1"));
        }

        await using var check = await source.OpenConnectionAsync();
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO case_summary%';", check);
        Assert.True((long)(await prepared.ExecuteScalarAsync())! >= 1, "the board upsert was never prepared on the connection");
    }

    [SkippableFact]
    public async Task GrainStateLookupsTakeTheIdentityIndexBeforeTheTableHasStatistics()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Many rows of one state name and no ANALYZE yet: what a new deployment has in its first minutes.
        await ExecuteAsync(connection, """
            ALTER TABLE orleansstorage SET (autovacuum_enabled = off);
            INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
                                        serviceid, payloadbinary, modifiedon, version)
            SELECT g * 7919, 0, 0, 4242, 'certificate', 'certificate-' || g, 'servicehall', convert_to(repeat('x', 470), 'UTF8'), now(), 1
              FROM generate_series(1, 3000) g;
            SET plan_cache_mode = force_generic_plan;
            """);

        foreach (var key in new[] { "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey" })
        {
            var plan = await GenericPlanAsync(connection, key);
            Assert.Contains("orleansstorage_identity", plan);
            Assert.DoesNotContain("orleansstorage_state_keys", plan);
        }
    }

    /// <summary>The generic plan of a provider's stored text, prepared as the provider's statement would be.</summary>
    private static async Task<string> GenericPlanAsync(NpgsqlConnection connection, string key)
    {
        await using var read = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = @key;", connection);
        read.Parameters.AddWithValue("key", key);
        var text = (string)(await read.ExecuteScalarAsync())!;
        var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["GrainIdHash"] = "integer", ["GrainTypeHash"] = "integer", ["GrainIdN0"] = "bigint", ["GrainIdN1"] = "bigint",
            ["ServiceId"] = "text", ["GrainTypeString"] = "text", ["GrainIdExtensionString"] = "text",
            ["PayloadBinary"] = "bytea", ["GrainStateVersion"] = "integer",
        };
        var names = new List<string>();
        var numbered = Placeholder().Replace(text.Trim().TrimEnd(';'), match =>
        {
            var index = names.FindIndex(n => string.Equals(n, match.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                names.Add(match.Groups[1].Value);
                index = names.Count - 1;
            }

            return "$" + (index + 1);
        });
        var statement = "p_" + key.ToLowerInvariant();
        await ExecuteAsync(connection, $"PREPARE {statement} ({string.Join(", ", names.Select(n => types[n]))}) AS {numbered};");
        var values = names.Select(n => types[n] switch
        {
            "integer" => n == "GrainStateVersion" ? "1" : "77",
            "bigint" => "0",
            "bytea" => "'\\x00'::bytea",
            _ => n == "ServiceId" ? "'servicehall'" : n == "GrainTypeString" ? "'certificate'" : "'certificate-none'",
        });
        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE {statement} ({string.Join(", ", values)});", connection);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private static async Task<CaseSummary> ReadAsync(NpgsqlDataSource source, string id)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT {CaseSummaryRows.Columns} FROM case_summary WHERE case_id = @id;", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return CaseSummaryRows.Read(reader);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"@([A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex Placeholder();
}
