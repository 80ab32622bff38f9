using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// A hall's statistics kept as daily figures (issue 20): <c>case_daily</c> holds, per hall, hall day, channel, window
/// and status, the sums the statistics page folds, so a year is a few thousand small rows instead of every case row.
/// Triggers on <c>case_summary</c> append each change's figures to <c>case_daily_change</c> in the transaction that
/// writes the summary row (a rolled-back, stale or repeated save appends nothing); <see cref="FoldAsync"/> moves them
/// into <c>case_daily</c>. The schema is PostgreSQL's V0010 and the embedded schema's step 7.
/// </summary>
internal static class CaseDailyFigures
{
    /// <summary>Ticks from UTC to hall time (UTC+8): statistics count days as the hall lives them.</summary>
    public const long HallOffsetTicks = 288_000_000_000;

    /// <summary>The figure columns, in the order the statistics read them (after channel, window, day, status).</summary>
    public const string Figures = "opened, completed, handling_ms, fastest_ms, corrected, breached, copies_saved, id_card_copies_waived, licence_copies_waived, appointments, wait_ms";

    private const string Key = "hall_key, day, channel, window_code, status";

    // A fold normally moves the few changes since the last statistics request; after a bulk load it moves one per case.
    private const int FoldTimeoutSeconds = 300;

    // The summary columns any figure or key depends on (PostgreSQL's update trigger lists the same). Declared before
    // SqliteSchema, which static initialisation builds from it.
    private static readonly string[] Tracked =
    [
        "hall_key", "opened_at", "channel", "window_code", "status", "closed_at", "correction_rounds", "sla_state", "copies_saved",
        "id_card_copies_waived", "licence_copies_waived", "appointment_code", "accepted_at",
    ];

    /// <summary>The embedded schema's step 7: the tables, today's rows folded in once, and the triggers (PostgreSQL's V0010).</summary>
    public static readonly string SqliteSchema = $"""
        CREATE TABLE IF NOT EXISTS case_daily (
            hall_key TEXT NOT NULL, day INTEGER NOT NULL, channel TEXT NOT NULL, window_code TEXT NOT NULL, status TEXT NOT NULL,
            opened INTEGER NOT NULL, completed INTEGER NOT NULL, handling_ms INTEGER NOT NULL, fastest_ms INTEGER NULL,
            corrected INTEGER NOT NULL, breached INTEGER NOT NULL, copies_saved INTEGER NOT NULL, id_card_copies_waived INTEGER NOT NULL,
            licence_copies_waived INTEGER NOT NULL, appointments INTEGER NOT NULL, wait_ms INTEGER NOT NULL,
            PRIMARY KEY (hall_key, day, channel, window_code, status)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS case_daily_change (
            id INTEGER PRIMARY KEY,
            hall_key TEXT NOT NULL, day INTEGER NOT NULL, channel TEXT NOT NULL, window_code TEXT NOT NULL, status TEXT NOT NULL,
            opened INTEGER NOT NULL, completed INTEGER NOT NULL, handling_ms INTEGER NOT NULL, fastest_ms INTEGER NULL,
            lost_fastest_ms INTEGER NULL, corrected INTEGER NOT NULL, breached INTEGER NOT NULL, copies_saved INTEGER NOT NULL,
            id_card_copies_waived INTEGER NOT NULL, licence_copies_waived INTEGER NOT NULL, appointments INTEGER NOT NULL,
            wait_ms INTEGER NOT NULL
        );

        INSERT OR IGNORE INTO case_daily ({Key}, {Figures})
        SELECT hall_key, (opened_at + {HallOffsetTicks}) / {TimeSpan.TicksPerDay}, channel, coalesce(window_code, '-'), status,
               count(*),
               sum(CASE WHEN {Completed("")} THEN 1 ELSE 0 END),
               sum(CASE WHEN {Completed("")} THEN (closed_at - opened_at) / 10000 ELSE 0 END),
               min(CASE WHEN {Completed("")} THEN (closed_at - opened_at) / 10000 END),
               sum(CASE WHEN correction_rounds > 0 THEN 1 ELSE 0 END),
               sum(CASE WHEN sla_state = 'breached' THEN 1 ELSE 0 END),
               sum(copies_saved), sum(id_card_copies_waived), sum(licence_copies_waived),
               sum(CASE WHEN appointment_code IS NOT NULL AND accepted_at IS NOT NULL THEN 1 ELSE 0 END),
               sum(CASE WHEN appointment_code IS NOT NULL AND accepted_at IS NOT NULL THEN (accepted_at - opened_at) / 10000 ELSE 0 END)
        FROM case_summary
        GROUP BY hall_key, (opened_at + {HallOffsetTicks}) / {TimeSpan.TicksPerDay}, channel, coalesce(window_code, '-'), status;

        CREATE TRIGGER IF NOT EXISTS case_daily_insert AFTER INSERT ON case_summary BEGIN {Note("new", 1)} END;
        CREATE TRIGGER IF NOT EXISTS case_daily_delete AFTER DELETE ON case_summary BEGIN {Note("old", -1)} END;
        -- Most saves change no figure (a new version, a stage, an assignment): those append nothing.
        CREATE TRIGGER IF NOT EXISTS case_daily_update AFTER UPDATE ON case_summary
        WHEN {string.Join(" OR ", Tracked.Select(c => $"old.{c} IS NOT new.{c}"))}
        BEGIN {Note("old", -1)} {Note("new", 1)} END;
        """;

    /// <summary>
    /// Moves the changes appended since the last fold into <c>case_daily</c>, in one transaction, and recomputes the
    /// fastest handling time of a group a completed case left (a minimum cannot be decremented). Safe to run from
    /// several silos at once: PostgreSQL folds one at a time under an advisory lock, SQLite has one writer.
    /// </summary>
    public static Task FoldAsync(ICaseRowsDatabase database, CancellationToken cancellationToken = default) =>
        // As a writer: on SQLite in the writer's turn, so the case saves queue behind it instead of polling the lock.
        database.WriteAsync(FoldAsync, cancellationToken);

    /// <summary>As <see cref="FoldAsync(ICaseRowsDatabase, CancellationToken)"/> on an open connection with no transaction.</summary>
    public static async Task FoldAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (connection is NpgsqlConnection)
        {
            await FoldPostgresAsync((NpgsqlConnection)connection, cancellationToken);
        }
        else
        {
            await FoldSqliteAsync((SqliteConnection)connection, cancellationToken);
        }
    }

    private static async Task FoldSqliteAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE: no save slips in between reading the changes and deleting them.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT max(id) FROM case_daily_change;";
        if (await command.ExecuteScalarAsync(cancellationToken) is not long last)
        {
            return;
        }

        command.Parameters.AddWithValue("$last", last);
        command.CommandTimeout = FoldTimeoutSeconds;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM case_daily_change WHERE id <= $last AND lost_fastest_ms IS NOT NULL);";
        var lost = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;

        // The groups that lost a completed case are looked up by their key (a primary-key search each), never by
        // testing every daily row against every change.
        command.CommandText = $"""
            {Upsert("(SELECT * FROM case_daily_change WHERE id <= $last)")}
            {(lost ? RecomputeFastest($"({Key}) IN (SELECT {Key} FROM case_daily_change WHERE id <= $last AND lost_fastest_ms IS NOT NULL)") : "")}
            DELETE FROM case_daily_change WHERE id <= $last;
            DELETE FROM case_daily WHERE opened = 0;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task FoldPostgresAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(2020070001);", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // One statement takes the committed changes out and folds them (a change committed meanwhile stays for the next
        // fold), answering which groups lost a completed case.
        var lost = new List<(string Hall, int Day, string Channel, string Window, string Status)>();
        await using (var command = new NpgsqlCommand($"""
            WITH moved AS (DELETE FROM case_daily_change RETURNING *),
                 folded AS ({Upsert("moved")} RETURNING 1)
            SELECT DISTINCT {Key} FROM moved WHERE lost_fastest_ms IS NOT NULL;
            """, connection, transaction) { CommandTimeout = FoldTimeoutSeconds })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lost.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        foreach (var group in lost)
        {
            await using var command = new NpgsqlCommand(RecomputeFastest(
                "hall_key = @hall AND day = @day AND channel = @channel AND window_code = @window AND status = @status"), connection, transaction);
            command.Parameters.AddWithValue("hall", group.Hall);
            command.Parameters.AddWithValue("day", group.Day);
            command.Parameters.AddWithValue("channel", group.Channel);
            command.Parameters.AddWithValue("window", group.Window);
            command.Parameters.AddWithValue("status", group.Status);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand("DELETE FROM case_daily WHERE opened = 0;", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Adds the changes in <paramref name="source"/> to their groups' figures.</summary>
    private static string Upsert(string source) => $"""
        INSERT INTO case_daily ({Key}, {Figures})
        SELECT {Key}, sum(opened), sum(completed), sum(handling_ms), min(fastest_ms), sum(corrected), sum(breached), sum(copies_saved),
               sum(id_card_copies_waived), sum(licence_copies_waived), sum(appointments), sum(wait_ms)
        FROM {source} AS c WHERE true
        GROUP BY {Key}
        ON CONFLICT ({Key}) DO UPDATE SET
            opened = case_daily.opened + excluded.opened, completed = case_daily.completed + excluded.completed,
            handling_ms = case_daily.handling_ms + excluded.handling_ms,
            fastest_ms = CASE WHEN case_daily.fastest_ms IS NULL OR excluded.fastest_ms < case_daily.fastest_ms THEN excluded.fastest_ms ELSE case_daily.fastest_ms END,
            corrected = case_daily.corrected + excluded.corrected, breached = case_daily.breached + excluded.breached,
            copies_saved = case_daily.copies_saved + excluded.copies_saved,
            id_card_copies_waived = case_daily.id_card_copies_waived + excluded.id_card_copies_waived,
            licence_copies_waived = case_daily.licence_copies_waived + excluded.licence_copies_waived,
            appointments = case_daily.appointments + excluded.appointments, wait_ms = case_daily.wait_ms + excluded.wait_ms
        """ + (source.StartsWith('(') ? ";" : "");

    /// <summary>The fastest handling time of the groups <paramref name="where"/> picks, from their summary rows (a one-day index range).</summary>
    private static string RecomputeFastest(string where) => $"""
        UPDATE case_daily SET fastest_ms = (
            SELECT min((s.closed_at - s.opened_at) / 10000) FROM case_summary s
            WHERE s.hall_key = case_daily.hall_key
              AND s.opened_at >= case_daily.day * {TimeSpan.TicksPerDay} - {HallOffsetTicks}
              AND s.opened_at < (case_daily.day + 1) * {TimeSpan.TicksPerDay} - {HallOffsetTicks}
              AND s.channel = case_daily.channel AND coalesce(s.window_code, '-') = case_daily.window_code
              AND s.status = case_daily.status AND {Completed("s.")})
        WHERE {where};
        """;

    private static string Completed(string alias) => $"{alias}status = '{CaseStatuses.Completed}' AND {alias}closed_at IS NOT NULL";

    /// <summary>SQLite's trigger statement appending <paramref name="row"/>'s figures times <paramref name="sign"/> (PostgreSQL's case_daily_note).</summary>
    private static string Note(string row, int sign)
    {
        var s = sign.ToString(CultureInfo.InvariantCulture);
        var r = row + ".";
        var handling = $"(({r}closed_at - {r}opened_at) / 10000)";
        var completed = Completed(r);
        var waited = $"{r}appointment_code IS NOT NULL AND {r}accepted_at IS NOT NULL";
        return $"""
            INSERT INTO case_daily_change ({Key}, opened, completed, handling_ms, fastest_ms, lost_fastest_ms, corrected, breached,
                                           copies_saved, id_card_copies_waived, licence_copies_waived, appointments, wait_ms)
            VALUES ({r}hall_key, ({r}opened_at + {HallOffsetTicks}) / {TimeSpan.TicksPerDay}, {r}channel, coalesce({r}window_code, '-'), {r}status, {s},
                    CASE WHEN {completed} THEN {s} ELSE 0 END,
                    CASE WHEN {completed} THEN {s} * {handling} ELSE 0 END,
                    CASE WHEN {s} > 0 AND {completed} THEN {handling} END,
                    CASE WHEN {s} < 0 AND {completed} THEN {handling} END,
                    CASE WHEN {r}correction_rounds > 0 THEN {s} ELSE 0 END,
                    CASE WHEN {r}sla_state = 'breached' THEN {s} ELSE 0 END,
                    {s} * {r}copies_saved, {s} * {r}id_card_copies_waived, {s} * {r}licence_copies_waived,
                    CASE WHEN {waited} THEN {s} ELSE 0 END,
                    CASE WHEN {waited} THEN {s} * (({r}accepted_at - {r}opened_at) / 10000) ELSE 0 END);
            """;
    }
}
