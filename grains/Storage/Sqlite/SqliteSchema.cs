using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// Versioned schema of the embedded database. Steps are append-only: a released step is never edited, a change is a
/// new step, so every file upgrades the same way whatever release created it.
/// </summary>
internal static class SqliteSchema
{
    private static readonly (int Version, string Description, string Sql)[] Steps =
    [
        (1, "grain state and reminders", """
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name   TEXT    NOT NULL,
                grain_id     TEXT    NOT NULL,
                version      INTEGER NOT NULL,
                payload      BLOB    NULL,
                modified_utc TEXT    NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS reminders (
                grain_id      TEXT    NOT NULL,
                reminder_name TEXT    NOT NULL,
                grain_hash    INTEGER NOT NULL,
                start_ticks   INTEGER NOT NULL,
                period_ms     INTEGER NOT NULL,
                version       INTEGER NOT NULL,
                PRIMARY KEY (grain_id, reminder_name)
            ) WITHOUT ROWID;

            CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
            """),
        // The board, search and statistics as rows (PostgreSQL's V0005, same columns and indexes; see there).
        (2, "case summary rows", """
            CREATE TABLE IF NOT EXISTS case_summary (
                case_id                TEXT    NOT NULL PRIMARY KEY,
                version                INTEGER NOT NULL,
                number                 TEXT    NOT NULL,
                number_key             TEXT    NOT NULL,
                tracking_code          TEXT    NOT NULL,
                service_item_code      TEXT    NOT NULL,
                service_item_name      TEXT    NOT NULL,
                service_item_name_en   TEXT    NULL,
                channel                TEXT    NOT NULL,
                hall                   TEXT    NOT NULL,
                hall_key               TEXT    NOT NULL,
                delivery_hall          TEXT    NULL,
                delivery_hall_key      TEXT    NULL,
                window_code            TEXT    NULL,
                window_key             TEXT    NULL,
                departments            TEXT    NOT NULL,
                routed_departments     TEXT    NOT NULL,
                department_keys        TEXT    NOT NULL,
                district               TEXT    NULL,
                district_key           TEXT    NULL,
                coordinator            TEXT    NULL,
                coordinator_key        TEXT    NULL,
                stage                  TEXT    NOT NULL,
                status                 TEXT    NOT NULL,
                is_open                INTEGER NOT NULL,
                sla_state              TEXT    NOT NULL,
                applicant_name         TEXT    NOT NULL,
                applicant_key          TEXT    NOT NULL,
                organisation           TEXT    NULL,
                organisation_key       TEXT    NULL,
                opened_at              INTEGER NOT NULL,
                accepted_at            INTEGER NULL,
                updated_at             INTEGER NOT NULL,
                closed_at              INTEGER NULL,
                due_at                 INTEGER NULL,
                correction_rounds      INTEGER NOT NULL,
                copies_saved           INTEGER NOT NULL,
                id_card_copies_waived  INTEGER NOT NULL,
                licence_copies_waived  INTEGER NOT NULL,
                appointment_code       TEXT    NULL,
                definition_id          TEXT    NOT NULL,
                definition_version     INTEGER NOT NULL,
                definition_version_id  TEXT    NOT NULL,
                workflow_status        TEXT    NOT NULL,
                incident_count         INTEGER NOT NULL
            );

            -- Board: a hall's open cases newest first, and the open cases delivered to it from other halls.
            CREATE INDEX IF NOT EXISTS case_summary_board ON case_summary (hall_key, is_open, opened_at DESC, case_id);
            CREATE INDEX IF NOT EXISTS case_summary_delivery ON case_summary (delivery_hall_key, is_open, opened_at DESC) WHERE delivery_hall_key IS NOT NULL;
            -- Every hall at once (admin, reviewer): open cases newest first.
            CREATE INDEX IF NOT EXISTS case_summary_open ON case_summary (is_open, opened_at DESC, case_id);
            -- Search: number prefix, tracking code, applicant name and organisation prefix (closed cases too).
            CREATE INDEX IF NOT EXISTS case_summary_number ON case_summary (number_key);
            CREATE INDEX IF NOT EXISTS case_summary_tracking ON case_summary (tracking_code);
            CREATE INDEX IF NOT EXISTS case_summary_applicant ON case_summary (applicant_key);
            CREATE INDEX IF NOT EXISTS case_summary_organisation ON case_summary (organisation_key) WHERE organisation_key IS NOT NULL;
            -- Coordinator lists: projects a coordinator serves, a district's projects.
            CREATE INDEX IF NOT EXISTS case_summary_coordinator ON case_summary (coordinator_key, opened_at DESC) WHERE coordinator_key IS NOT NULL;
            CREATE INDEX IF NOT EXISTS case_summary_district ON case_summary (district_key, opened_at DESC) WHERE district_key IS NOT NULL;
            -- Statistics: a hall's cases by opening time; closings for handling times.
            CREATE INDEX IF NOT EXISTS case_summary_hall_opened ON case_summary (hall_key, opened_at);
            CREATE INDEX IF NOT EXISTS case_summary_hall_closed ON case_summary (hall_key, closed_at) WHERE closed_at IS NOT NULL;
            -- Definition usage: which cases run which definition version.
            CREATE INDEX IF NOT EXISTS case_summary_definition ON case_summary (definition_id, definition_version);
            """),
        (3, "case journal tables", """
            -- A case is a small head row plus one row per entry of each list that only grows, and one per unsent message:
            -- a command appends its entries and rewrites the head, never the history (CaseRows, SqliteCaseStore).
            CREATE TABLE IF NOT EXISTS case_head (
                case_id      TEXT    NOT NULL PRIMARY KEY,
                revision     INTEGER NOT NULL,
                version      INTEGER NOT NULL,
                status       TEXT    NOT NULL,
                head         TEXT    NOT NULL,
                modified_utc TEXT    NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_journal (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_workflow_journal (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_document (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_upload (
                case_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (case_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS case_outbox (
                case_id    TEXT    NOT NULL,
                message_id TEXT    NOT NULL,
                position   INTEGER NOT NULL,
                message    TEXT    NOT NULL,
                PRIMARY KEY (case_id, message_id)
            ) WITHOUT ROWID;

            -- Cases stored before this step as one grain-state row each ('case/<id>') are split into those rows. The old
            -- rows stay (nothing reads them any more) so that a copy of the file taken before the upgrade is not the only way back.
            CREATE TEMP TABLE legacy_case AS
                SELECT substr(grain_id, 6) AS case_id, version AS revision, modified_utc, CAST(payload AS TEXT) AS p
                FROM grain_state
                WHERE state_name = 'case' AND grain_id LIKE 'case/%' AND payload IS NOT NULL;

            INSERT OR IGNORE INTO case_head (case_id, revision, version, status, head, modified_utc)
                SELECT case_id, revision, json_extract(p, '$.version'), json_extract(p, '$.status'),
                       json_remove(p, '$.journal', '$.workflowJournal', '$.documents', '$.uploads', '$.outbox'), modified_utc
                FROM legacy_case;
            INSERT OR IGNORE INTO case_journal (case_id, seq, entry)
                SELECT case_id, e.key + 1, e.value FROM legacy_case, json_each(p, '$.journal') AS e;
            INSERT OR IGNORE INTO case_workflow_journal (case_id, seq, entry)
                SELECT case_id, e.key + 1, e.value FROM legacy_case, json_each(p, '$.workflowJournal') AS e;
            INSERT OR IGNORE INTO case_document (case_id, seq, entry)
                SELECT case_id, e.key + 1, e.value FROM legacy_case, json_each(p, '$.documents') AS e;
            INSERT OR IGNORE INTO case_upload (case_id, seq, entry)
                SELECT case_id, e.key + 1, e.value FROM legacy_case, json_each(p, '$.uploads') AS e;
            INSERT OR IGNORE INTO case_outbox (case_id, message_id, position, message)
                SELECT case_id, json_extract(e.value, '$.id'), e.key + 1, e.value FROM legacy_case, json_each(p, '$.outbox') AS e;
            DROP TABLE temp.legacy_case;
            """),
        // Retention finds closed cases by closing time across every hall (PostgreSQL's V0007).
        (4, "closed cases by closing time", """
            CREATE INDEX IF NOT EXISTS case_summary_closed ON case_summary (closed_at, case_id) WHERE closed_at IS NOT NULL;
            """),
        // Indexes for a million cases (issue 20; PostgreSQL's V0008): measured with tests/ServiceHall.Benchmarks --only scale.
        (5, "board and coordinator indexes at scale", ScaleIndexes),
        // The board's window and a hall's cases by status, each one index range (PostgreSQL's V0009, see there).
        (6, "board window and status indexes", """
            CREATE INDEX IF NOT EXISTS case_summary_board_window ON case_summary (hall_key, is_open, stage, window_key, opened_at DESC, case_id);
            CREATE INDEX IF NOT EXISTS case_summary_hall_status ON case_summary (hall_key, status, opened_at DESC, case_id);
            """),
        // Statistics from daily figures kept by triggers (PostgreSQL's V0010; the SQL lives with the code that folds them).
        (7, "daily case figures", Cases.Board.CaseDailyFigures.SqliteSchema),
        // A fold drops the groups left with no case without reading every daily row (PostgreSQL's V0011).
        (8, "empty daily groups", """
            CREATE INDEX IF NOT EXISTS case_daily_empty ON case_daily (hall_key) WHERE opened = 0;
            """),
        // A tracking code names one case: the board row's index refuses a second, in place of a state write per code at
        // opening (PostgreSQL's V0012, see there).
        (9, "unique tracking codes", TrackingCodeUnique),
        // The delivery index gives the board's whole order, so the planner stops walking every open case (PostgreSQL's
        // V0013, see there).
        (10, "delivery index in board order", DeliveryInBoardOrder),
        // When an open case's clock next reaches a threshold, for the SLA sweep (PostgreSQL's V0017, see there).
        (11, "SLA wake times", """
            ALTER TABLE case_summary ADD COLUMN sla_wake_at INTEGER NULL;
            CREATE INDEX IF NOT EXISTS case_summary_sla_wake ON case_summary (sla_wake_at, case_id) WHERE sla_wake_at IS NOT NULL;
            """),
    ];

    /// <summary>The same statements as PostgreSQL's V0008 (see there for why each index exists).</summary>
    private const string ScaleIndexes = """
        CREATE INDEX IF NOT EXISTS case_summary_hall_recent ON case_summary (hall_key, opened_at DESC, case_id);
        DROP INDEX IF EXISTS case_summary_hall_opened;
        CREATE INDEX IF NOT EXISTS case_summary_board_stage ON case_summary (hall_key, is_open, stage, opened_at DESC, case_id);
        CREATE INDEX IF NOT EXISTS case_summary_unassigned ON case_summary (channel, opened_at DESC) WHERE coordinator_key IS NULL;
        """;

    /// <summary>The same statements as PostgreSQL's V0013.</summary>
    private const string DeliveryInBoardOrder = """
        DROP INDEX IF EXISTS case_summary_delivery;
        CREATE INDEX case_summary_delivery ON case_summary (delivery_hall_key, is_open, opened_at DESC, case_id) WHERE delivery_hall_key IS NOT NULL;
        """;

    /// <summary>The same statements as PostgreSQL's V0012.</summary>
    private const string TrackingCodeUnique = """
        DROP INDEX IF EXISTS case_summary_tracking;
        CREATE UNIQUE INDEX case_summary_tracking ON case_summary (tracking_code);
        """;

    /// <summary>
    /// Applies the steps newer than the file's version, each in its own transaction. Returns how many ran.
    /// <paramref name="through"/> stops after that step (tests write a file as an earlier release left it).
    /// </summary>
    public static async Task<int> ApplyAsync(SqliteConnection connection, string appliedUtc, CancellationToken cancellationToken, int? through = null)
    {
        await SqliteDatabase.ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_utc TEXT NOT NULL
            );
            """, cancellationToken);

        var applied = 0;
        foreach (var (version, description, sql) in Steps.Where(s => s.Version <= (through ?? int.MaxValue)))
        {
            // BEGIN IMMEDIATE takes the write lock before the check, so two processes opening one file cannot both apply a step.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_version WHERE version = $version;";
                check.Parameters.AddWithValue("$version", version);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            await using (var step = connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = sql + """

                    INSERT INTO schema_version (version, description, applied_utc) VALUES ($version, $description, $applied);
                    """;
                step.Parameters.AddWithValue("$version", version);
                step.Parameters.AddWithValue("$description", description);
                step.Parameters.AddWithValue("$applied", appliedUtc);
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            applied++;
        }

        return applied;
    }
}
