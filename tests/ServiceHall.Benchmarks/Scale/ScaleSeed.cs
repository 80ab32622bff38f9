using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using ServiceHall.Benchmarks.EndToEnd;

namespace ServiceHall.Benchmarks.Scale;

/// <summary>
/// Fills a silo's case tables with SQL, not HTTP: every seeded case is a copy of one of two template cases the silo
/// really opened (one still open, one completed) — its head (the template's id replaced by the copy's), its journal
/// rows and its board row, the row given its own number, tracking code, applicant, hall, district and opening time.
/// Case <c>g</c> (1..N) is open when <c>g % 10 = 1</c> (10 %), a key project of district <c>(g / 50) % 11</c> when
/// <c>g % 50 = 3</c>, in hall gz / qy / mz for <c>(g / 10) % 5</c> = 0–2 / 3 / 4, opened <c>g</c> steps before now
/// over two years. Workflow-journal rows are not copied (activation no longer reads them).
/// </summary>
internal sealed class ScaleSeed(int count, long nowTicks)
{
    public const string IdPrefix = "case-scale-";

    /// <summary>The districts of Guangzhou and their demo coordinators (DemoStaff), in the order the seed assigns them.</summary>
    public static readonly (string District, string Coordinator)[] Coordinators =
    [
        ("tianhe", "coordinator"), ("nansha", "coordinator2"), ("yuexiu", "coordinator-yuexiu"), ("haizhu", "coordinator-haizhu"),
        ("liwan", "coordinator-liwan"), ("baiyun", "coordinator-baiyun"), ("huangpu", "coordinator-huangpu"), ("panyu", "coordinator-panyu"),
        ("huadu", "coordinator-huadu"), ("conghua", "coordinator-conghua"), ("zengcheng", "coordinator-zengcheng"),
    ];

    private const string Families = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private const string Givens = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌";
    private static readonly long Step = TimeSpan.FromDays(730).Ticks / 1_000_000;

    public int Count => count;

    public static string Id(long g) => IdPrefix + g.ToString("D7", CultureInfo.InvariantCulture);

    public static string Number(long g) => "SC" + g.ToString("D7", CultureInfo.InvariantCulture);

    public static string TrackingCode(long g) => "Q" + g.ToString("D9", CultureInfo.InvariantCulture);

    public static bool IsOpen(long g) => g % 10 == 1;

    public static string Hall(long g) => ((g / 10) % 5) switch { < 3 => "gz", 3 => "qy", _ => "mz" };

    /// <summary>The applicant's name as the seed writes it: one of 20 family names and 1,000 given names (≈50 cases each).</summary>
    public static string ApplicantName(long g) =>
        $"{Families[(int)(g % 20)]}{Givens[(int)((g / 20) % 32)]}{Givens[(int)((g / 640) % 32)]}";

    public DateTimeOffset OpenedAt(long g) => new(nowTicks - g * Step, TimeSpan.Zero);

    /// <summary>Writes cases <c>1..count</c> in batches (one transaction each), so a running silo's own writes wait at most one batch.</summary>
    public async Task<TimeSpan> SeedAsync(DbConnection connection, bool postgres, string openTemplate, string closedTemplate, int batch)
    {
        var clock = Stopwatch.StartNew();
        for (var from = 1; from <= count; from += batch)
        {
            var to = Math.Min(count, from + batch - 1);
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var sql in postgres ? PostgresStatements() : SqliteStatements())
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandTimeout = 0;
                command.CommandText = sql;
                Add(command, "from", from);
                Add(command, "to", to);
                Add(command, "open", openTemplate);
                Add(command, "closed", closedTemplate);
                Add(command, "now", nowTicks);
                Add(command, "step", Step);
                Add(command, "families", Families);
                Add(command, "givens", Givens);
                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {to:N0} cases in {clock.Elapsed.TotalSeconds:F0} s"));
        }

        // The summary rows' triggers appended one daily-figures change per case: fold them now, as the first statistics
        // request would (a silo folds what changed since the last request; here that is every seeded case).
        var folding = Stopwatch.StartNew();
        await ServiceHall.Grains.Cases.Board.CaseDailyFigures.FoldAsync(connection);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  folded the daily figures of {count:N0} cases in {folding.Elapsed.TotalSeconds:F0} s"));

        // PostgreSQL: planner statistics and the visibility map, as autovacuum leaves them after a bulk load. SQLite: none, as the product
        // keeps none (no ANALYZE), so the plans measured are the ones a fresh embedded install gets.
        if (postgres)
        {
            await using var analyze = connection.CreateCommand();
            analyze.CommandTimeout = 0;
            analyze.CommandText = "VACUUM (ANALYZE);";
            await analyze.ExecuteNonQueryAsync();
        }

        return clock.Elapsed;
    }

    private static IEnumerable<string> PostgresStatements()
    {
        const string Seq = """
            (SELECT g, 'case-scale-' || lpad(g::text, 7, '0') AS id, lpad(g::text, 7, '0') AS n,
                    CASE WHEN g % 10 = 1 THEN @open ELSE @closed END AS template
               FROM generate_series(@from::bigint, @to::bigint) AS g) AS s
            """;
        yield return $"""
            INSERT INTO case_head (service_id, case_id, revision, version, status, head)
            SELECT h.service_id, s.id, h.revision, h.version, h.status, replace(h.head, h.case_id, s.id)
              FROM {Seq} JOIN case_head h ON h.case_id = s.template;
            """;
        yield return $"""
            INSERT INTO case_journal (service_id, case_id, seq, entry)
            SELECT j.service_id, s.id, j.seq, j.entry FROM {Seq} JOIN case_journal j ON j.case_id = s.template;
            """;
        yield return Summary(Seq, "lpad(g::text, 9, '0')", "substr(@families, (g % 20)::int + 1, 1) || substr(@givens, ((g / 20) % 32)::int + 1, 1) || substr(@givens, ((g / 640) % 32)::int + 1, 1)");
    }

    private static IEnumerable<string> SqliteStatements()
    {
        const string Seq = """
            (WITH RECURSIVE r(g) AS (SELECT @from UNION ALL SELECT g + 1 FROM r WHERE g < @to)
             SELECT g, 'case-scale-' || substr('0000000' || g, -7) AS id, substr('0000000' || g, -7) AS n,
                    CASE WHEN g % 10 = 1 THEN @open ELSE @closed END AS template FROM r) AS s
            """;
        yield return $"""
            INSERT INTO case_head (case_id, revision, version, status, head, modified_utc)
            SELECT s.id, h.revision, h.version, h.status, replace(h.head, h.case_id, s.id), h.modified_utc
              FROM {Seq} JOIN case_head h ON h.case_id = s.template;
            """;
        yield return $"""
            INSERT INTO case_journal (case_id, seq, entry)
            SELECT s.id, j.seq, j.entry FROM {Seq} JOIN case_journal j ON j.case_id = s.template;
            """;
        yield return Summary(Seq, "substr('000000000' || g, -9)", "substr(@families, g % 20 + 1, 1) || substr(@givens, (g / 20) % 32 + 1, 1) || substr(@givens, (g / 640) % 32 + 1, 1)");
    }

    /// <summary>The board row: the template's, with this case's identity, place and times (same SQL in both engines but for two expressions).</summary>
    private static string Summary(string seq, string tracking, string name)
    {
        var district = "CASE (g / 50) % 11 " + string.Concat(Coordinators.Select((c, i) => $"WHEN {i} THEN '{c.District}' ")) + "END";
        var coordinator = "CASE (g / 50) % 11 " + string.Concat(Coordinators.Select((c, i) => $"WHEN {i} THEN '{c.Coordinator}' ")) + "END";
        const string KeyProject = "g % 50 = 3";
        const string Hall = "CASE WHEN (g / 10) % 5 < 3 THEN 'gz' WHEN (g / 10) % 5 = 3 THEN 'qy' ELSE 'mz' END";
        const string Opened = "(@now - g * @step)";
        return $"""
            INSERT INTO case_summary (case_id, version, number, number_key, tracking_code, service_item_code, service_item_name,
                service_item_name_en, channel, hall, hall_key, delivery_hall, delivery_hall_key, window_code, window_key, departments,
                routed_departments, department_keys, district, district_key, coordinator, coordinator_key, stage, status, is_open,
                sla_state, applicant_name, applicant_key, organisation, organisation_key, opened_at, accepted_at, updated_at, closed_at,
                due_at, correction_rounds, copies_saved, id_card_copies_waived, licence_copies_waived, appointment_code, definition_id,
                definition_version, definition_version_id, workflow_status, incident_count)
            SELECT s.id, t.version, 'SC' || s.n, 'sc' || s.n, 'Q' || {tracking}, t.service_item_code, t.service_item_name,
                t.service_item_name_en, CASE WHEN {KeyProject} THEN 'key-project' ELSE t.channel END, {Hall}, {Hall}, NULL, NULL,
                t.window_code, t.window_key, t.departments, t.routed_departments, t.department_keys,
                CASE WHEN {KeyProject} THEN {district} ELSE t.district END, CASE WHEN {KeyProject} THEN {district} ELSE t.district_key END,
                CASE WHEN {KeyProject} THEN {coordinator} ELSE t.coordinator END, CASE WHEN {KeyProject} THEN {coordinator} ELSE t.coordinator_key END,
                t.stage, t.status, t.is_open, t.sla_state, {name}, {name}, t.organisation, t.organisation_key,
                {Opened}, {Opened} + 36000000000, CASE WHEN t.closed_at IS NULL THEN {Opened} + 36000000000 ELSE {Opened} + 2592000000000 END,
                CASE WHEN t.closed_at IS NULL THEN NULL ELSE {Opened} + 2592000000000 END, {Opened} + 17280000000000,
                CASE WHEN g % 7 = 0 THEN 1 ELSE 0 END, t.copies_saved, t.id_card_copies_waived, t.licence_copies_waived, t.appointment_code,
                t.definition_id, t.definition_version, t.definition_version_id, t.workflow_status, t.incident_count
              FROM {seq} JOIN case_summary t ON t.case_id = s.template;
            """;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        if (!command.CommandText.Contains("@" + name, StringComparison.Ordinal))
        {
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public static async Task<DbConnection> OpenAsync(SiloUnderTest silo)
    {
        if (silo.ConnectionString is { } postgres)
        {
            var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            return connection;
        }

        var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(silo.DataFolder, "servicehall.db"),
            DefaultTimeout = 120,
        }.ToString());
        await sqlite.OpenAsync();
        await using var pragma = sqlite.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 120000;";
        await pragma.ExecuteNonQueryAsync();
        return sqlite;
    }
}
