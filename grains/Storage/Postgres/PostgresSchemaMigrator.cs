using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ServiceHall.Grains.Storage.Postgres;

/// <summary>
/// Brings a PostgreSQL database up to ServiceHall's schema: the Orleans provider tables and query texts, plus
/// ServiceHall's own. Steps are embedded scripts named <c>V&lt;number&gt;__&lt;description&gt;.sql</c>, applied in
/// order, each recorded in <c>servicehall_schema_version</c>. A session-wide advisory lock lets several silos start
/// at once: one migrates, the others wait and then find nothing to do.
/// </summary>
public sealed partial class PostgresSchemaMigrator(ILogger<PostgresSchemaMigrator> logger)
{
    // An arbitrary constant shared by every ServiceHall process; it only has to differ from other advisory-lock users.
    private const long AdvisoryLockKey = 0x5345_5256_4841_4c4c;

    /// <summary>The steps this build knows, lowest first.</summary>
    public static IReadOnlyList<SchemaStep> Steps { get; } = LoadSteps();

    /// <summary>Applies every step newer than the database's version. Returns the versions it applied.</summary>
    public Task<IReadOnlyList<int>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default) =>
        MigrateAsync(connectionString, int.MaxValue, cancellationToken);

    /// <summary>
    /// Applies the steps newer than the database's version up to and including <paramref name="through"/>: the schema
    /// as an earlier release left it, which migration tests start from.
    /// </summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, int through, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey});", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS servicehall_schema_version (
                    version     integer     NOT NULL PRIMARY KEY,
                    description text        NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken);

            var current = await CurrentVersionAsync(connection, cancellationToken);
            var applied = new List<int>();
            foreach (var step in Steps.Where(s => s.Version > current && s.Version <= through))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, step.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO servicehall_schema_version (version, description) VALUES (@version, @description);",
                    connection, transaction))
                {
                    record.Parameters.AddWithValue("version", step.Version);
                    record.Parameters.AddWithValue("description", step.Description);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                applied.Add(step.Version);
                logger.LogInformation("PostgreSQL schema step {Version} ({Description}) applied", step.Version, step.Description);
            }

            if (applied.Count == 0)
            {
                logger.LogInformation("PostgreSQL schema is current at version {Version}", current);
            }

            return applied;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey});", CancellationToken.None);
        }
    }

    /// <summary>
    /// For a silo told not to migrate (<c>MigrateOnStart=false</c>): fails with what to do when the database lacks
    /// steps this build needs, instead of letting the first provider query fail on a missing function or table.
    /// </summary>
    public async Task RequireCurrentAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('servicehall_schema_version') IS NOT NULL;", connection);
        var current = (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? await CurrentVersionAsync(connection, cancellationToken) : 0;
        var needed = Steps[^1].Version;
        if (current < needed)
        {
            throw new SchemaBehindException(current, needed);
        }

        logger.LogInformation("PostgreSQL schema is at version {Version} (this build needs {Needed}); not migrating on start", current, needed);
    }

    /// <summary>The highest applied step, or 0 for a database ServiceHall has never touched.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(version), 0) FROM servicehall_schema_version;", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SchemaStep> LoadSteps()
    {
        var assembly = typeof(PostgresSchemaMigrator).Assembly;
        var steps = new List<SchemaStep>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = StepName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            steps.Add(new SchemaStep(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["description"].Value.Replace('_', ' '),
                reader.ReadToEnd()));
        }

        steps.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (steps.Select(s => s.Version).Distinct().Count() != steps.Count)
        {
            throw new InvalidOperationException("Two PostgreSQL schema steps share one version number.");
        }

        return steps;
    }

    [GeneratedRegex(@"\.V(?<version>\d+)__(?<description>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex StepName();
}

/// <summary>One numbered schema script.</summary>
public sealed record SchemaStep(int Version, string Description, string Sql);

/// <summary>The database's schema is older than this build needs, and the silo was told not to migrate it.</summary>
public sealed class SchemaBehindException(int current, int needed) : Exception(
    $"The PostgreSQL database's ServiceHall schema is at version {current}; this build needs version {needed}. " +
    "Run 'dotnet ServiceHall.Silo.dll migrate' against it once (the Helm chart's init container does), or set " +
    "ServiceHall:Storage:Postgres:MigrateOnStart=true.")
{
    public int Current { get; } = current;

    public int Needed { get; } = needed;
}
