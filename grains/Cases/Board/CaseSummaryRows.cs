using System.Data.Common;
using System.Text.Json;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// Writes and reads <c>case_summary</c> rows with SQL both PostgreSQL and SQLite accept, so the embedded and the
/// PostgreSQL mode share one read model. A writer that already holds a transaction (the case store, writing the row
/// with the case) passes it; the row changes only when the stored version is older, so a repeated or late write is
/// harmless.
/// </summary>
public static class CaseSummaryRows
{
    /// <summary>The columns in the order <see cref="Read"/> expects them; <c>SELECT {Columns} FROM case_summary</c>.</summary>
    public const string Columns = """
        case_id, version, number, service_item_code, service_item_name, service_item_name_en, channel, hall,
        delivery_hall, window_code, departments, routed_departments, district, coordinator, stage, status, sla_state,
        applicant_name, opened_at, accepted_at, updated_at, closed_at, due_at, correction_rounds, copies_saved,
        id_card_copies_waived, licence_copies_waived, appointment_code, definition_id, definition_version,
        definition_version_id, workflow_status, incident_count
        """;

    private static readonly string[] Written =
    [
        "case_id", "version", "number", "number_key", "tracking_code", "service_item_code", "service_item_name",
        "service_item_name_en", "channel", "hall", "hall_key", "delivery_hall", "delivery_hall_key", "window_code",
        "window_key", "departments", "routed_departments", "department_keys", "district", "district_key", "coordinator",
        "coordinator_key", "stage", "status", "is_open", "sla_state", "applicant_name", "applicant_key", "organisation",
        "organisation_key", "opened_at", "accepted_at", "updated_at", "closed_at", "due_at", "correction_rounds",
        "copies_saved", "id_card_copies_waived", "licence_copies_waived", "appointment_code", "definition_id",
        "definition_version", "definition_version_id", "workflow_status", "incident_count", "sla_wake_at",
    ];

    /// <summary>The written columns that may be null and are not text.</summary>
    private static readonly HashSet<string> NullableTicks = ["accepted_at", "closed_at", "due_at", "sla_wake_at"];

    private static readonly string UpsertSql = $"""
        INSERT INTO case_summary ({string.Join(", ", Written)})
        VALUES ({string.Join(", ", Written.Select(c => "@" + c))})
        ON CONFLICT (case_id) DO UPDATE SET {string.Join(", ", Written.Skip(1).Select(c => $"{c} = excluded.{c}"))}
        WHERE case_summary.version < excluded.version;
        """;

    /// <summary>
    /// The same upsert with positional parameters (<c>$1</c> … in <see cref="Written"/>'s order), for PostgreSQL's batch:
    /// Npgsql sends such a statement as it is, where named ones are parsed and rewritten on every execution (with a
    /// lookup of the 45 names and a new text each time: ≈14 KB allocated per case save, issue 20).
    /// </summary>
    private static readonly string PositionalUpsertSql = $"""
        INSERT INTO case_summary ({string.Join(", ", Written)})
        VALUES ({string.Join(", ", Written.Select((_, i) => "$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))})
        ON CONFLICT (case_id) DO UPDATE SET {string.Join(", ", Written.Skip(1).Select(c => $"{c} = excluded.{c}"))}
        WHERE case_summary.version < excluded.version;
        """;

    /// <summary>The upsert's text, for a caller that keeps the prepared command (SQLite's writer connection).</summary>
    public static string UpsertText => UpsertSql;

    /// <summary>Writes the row unless the stored one is as new or newer. Returns whether it changed.</summary>
    public static async Task<bool> UpsertAsync(
        DbConnection connection, DbTransaction? transaction, CaseSummaryRow row, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertSql;
        BindUpsert(command, row);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Binds <paramref name="row"/> to a command whose text is <see cref="UpsertText"/>: adds the parameters on its first
    /// use, and on a kept command only sets their values (in the order they were added).
    /// </summary>
    public static void BindUpsert(DbCommand command, CaseSummaryRow row)
    {
        var parameters = command.Parameters;
        var reuse = parameters.Count == Written.Length;
        if (!reuse)
        {
            parameters.Clear();
        }

        var i = 0;
        foreach (var (name, value) in Values(row))
        {
            if (reuse)
            {
                parameters[i++].Value = value ?? DBNull.Value;
            }
            else
            {
                Add(command, name, value);
            }
        }
    }

    /// <summary>The same upsert as one statement of a batch (PostgreSQL sends a case's whole save in one round trip).</summary>
    public static void AddUpsert(DbBatch batch, CaseSummaryRow row)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = PositionalUpsertSql;
        foreach (var (name, value) in Values(row))
        {
            // Unnamed: the parameter is $n by its place, as PositionalUpsertSql numbers them.
            var parameter = command.CreateParameter();
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                // A null of the column's own type: an untyped null would give the statement other parameter types than
                // the saves before it, and the connection's prepared copy of it would not fit (PostgresCommandConnections).
                parameter.DbType = NullableTicks.Contains(name) ? System.Data.DbType.Int64 : System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
    }

    /// <summary>
    /// Binds <paramref name="row"/> to the writer connection's kept upsert (<see cref="UpsertText"/>) without a
    /// parameter object, a box or a UTF-8 copy per column (<see cref="SqliteKeptStatement"/>): the same
    /// values, in the same SQLite types, as <see cref="BindUpsert"/> gives the command.
    /// </summary>
    internal static void BindUpsert(SqliteKeptStatement statement, CaseSummaryRow row)
    {
        var positions = statement.Positions ??= [.. Written.Select(c => statement.Parameter("@" + c))];
        var sink = new StatementColumns(statement, positions);
        Write(row, ref sink);
    }

    // One UPDATE text per set of changed columns, built on first use (a few dozen sets occur: a step moves the stage,
    // acceptance the due date, closing the status). Past this many the full upsert is used instead, so the writer keeps
    // a bounded number of prepared statements.
    private const int MaxChangedShapes = 128;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, string> ChangedSql = new();

    /// <summary>
    /// An UPDATE of only the columns in which <paramref name="row"/> differs from <paramref name="previous"/>, the row
    /// the same copy of the case saved for its previous version, applied only while the stored row is still that
    /// version (<c>@previous_version</c>); null when it does not apply (not a newer version of the same case, too many
    /// shapes already). SQLite re-keys an index on UPDATE only when the statement sets one of its columns, and
    /// <c>case_summary</c> has about twenty: the full upsert re-keyed all of them on every command, where a step
    /// changes the version, the stage and the update time (issue 20). A stored row of another version (a repair, a
    /// purge) is left alone by it: the caller then writes the full upsert, so a row never mixes two versions' columns.
    /// </summary>
    public static string? ChangedText(CaseSummaryRow previous, CaseSummaryRow row, out ulong changed)
    {
        changed = 0;
        if (previous.Summary.Id != row.Summary.Id || previous.Summary.Version >= row.Summary.Version)
        {
            return null;
        }

        changed = ChangedColumns(previous, row);
        if (ChangedSql.TryGetValue(changed, out var known))
        {
            return known;
        }

        if (ChangedSql.Count >= MaxChangedShapes)
        {
            return null;
        }

        var mask = changed;
        var set = Enumerable.Range(1, Written.Length - 1).Where(i => i == 1 || (mask & (1UL << i)) != 0).Select(i => $"{Written[i]} = @{Written[i]}");
        return ChangedSql.GetOrAdd(changed, $"UPDATE case_summary SET {string.Join(", ", set)} WHERE case_id = @case_id AND version = @previous_version;");
    }

    /// <summary>
    /// Binds <paramref name="row"/> to the kept statement <see cref="ChangedText"/> gave for <paramref name="changed"/>:
    /// the key, the version, <paramref name="previousVersion"/> and the changed columns, as <see cref="BindUpsert(SqliteKeptStatement, CaseSummaryRow)"/> binds them.
    /// </summary>
    internal static void BindChanged(SqliteKeptStatement statement, CaseSummaryRow row, long previousVersion, ulong changed)
    {
        // Position 0 for a column the statement does not set (SQLite's positions start at 1).
        var positions = statement.Positions ??= [.. Written.Select((c, i) => i < 2 || (changed & (1UL << i)) != 0 ? statement.Parameter("@" + c) : 0)
            .Append(statement.Parameter("@previous_version"))];
        statement.Bind(positions[^1], previousVersion);
        var sink = new StatementColumns(statement, positions);
        Write(row, ref sink);
    }

    /// <summary>
    /// The columns (bit <c>i</c> for <c>Written[i]</c>, from 2: the key and the version are always written) whose
    /// values differ between two rows of one case. Both rows go through <see cref="Write{TSink}"/>, the one list of
    /// what each column holds, so a derived column (a <c>_key</c>, <c>is_open</c>, <c>department_keys</c>) counts as
    /// changed exactly when its own value does, and a new column needs no second list here.
    /// </summary>
    internal static ulong ChangedColumns(CaseSummaryRow before, CaseSummaryRow after)
    {
        var recorded = new RecordedColumns(new string?[Written.Length], new long?[Written.Length]);
        Write(before, ref recorded);
        var compared = new ComparedColumns(recorded.Texts, recorded.Numbers);
        Write(after, ref compared);
        return compared.Changed & ~0b11UL;
    }

    private static IEnumerable<(string Name, object? Value)> Values(CaseSummaryRow row)
    {
        var sink = new BoxedColumns(new object?[Written.Length]);
        Write(row, ref sink);
        return Written.Zip(sink.Values);
    }

    /// <summary>The row's values in the order of <see cref="Written"/>, each through the typed member of <paramref name="sink"/>.</summary>
    private static void Write<TSink>(CaseSummaryRow row, ref TSink sink)
        where TSink : struct, IColumns
    {
        var s = row.Summary;
        sink.Text(s.Id);
        sink.Int64(s.Version);
        sink.Text(s.Number);
        sink.Text(Key(s.Number));
        sink.Text(row.TrackingCode);
        sink.Text(s.ServiceItemCode);
        sink.Text(s.ServiceItemName);
        sink.Text(s.ServiceItemNameEn);
        sink.Text(s.Channel);
        sink.Text(s.Hall);
        sink.Text(Key(s.Hall));
        sink.Text(s.DeliveryHall);
        sink.Text(Key(s.DeliveryHall));
        sink.Text(s.Window);
        sink.Text(Key(s.Window));
        sink.Text(List(s.Departments));
        sink.Text(List(s.RoutedDepartments));
        sink.Text(DepartmentKeys(s));
        sink.Text(s.District);
        sink.Text(Key(s.District));
        sink.Text(s.Coordinator);
        sink.Text(Key(s.Coordinator));
        sink.Text(s.Stage);
        sink.Text(s.Status);
        sink.Int32(CaseStatuses.IsFinal(s.Status) ? 0 : 1);
        sink.Text(s.SlaState);
        sink.Text(s.ApplicantName);
        sink.Text(Key(s.ApplicantName));
        sink.Text(row.Organisation);
        sink.Text(Key(row.Organisation));
        sink.Ticks(Ticks(s.OpenedAt));
        sink.Ticks(Ticks(s.AcceptedAt));
        sink.Ticks(Ticks(s.UpdatedAt));
        sink.Ticks(Ticks(s.ClosedAt));
        sink.Ticks(Ticks(s.DueAt));
        sink.Int32(s.CorrectionRounds);
        sink.Int32(s.CopiesSaved);
        sink.Int32(s.IdCardCopiesWaived);
        sink.Int32(s.LicenceCopiesWaived);
        sink.Text(s.AppointmentCode);
        sink.Text(s.DefinitionId);
        sink.Int32(s.DefinitionVersion);
        sink.Text(s.DefinitionVersionId);
        sink.Text(s.WorkflowStatus);
        sink.Int32(s.IncidentCount);
        sink.Ticks(Ticks(row.SlaWakeAt));
    }

    /// <summary>Where <see cref="Write{TSink}"/> puts each column's value, in column order.</summary>
    private interface IColumns
    {
        void Text(string? value);

        void Int32(int value);

        void Int64(long value);

        void Ticks(long? value);
    }

    /// <summary>As parameter values of a command: an int stays an int, a long a long (PostgreSQL infers int4 / int8 from them).</summary>
    private struct BoxedColumns(object?[] values) : IColumns
    {
        private int _next;

        public readonly object?[] Values => values;

        public void Text(string? value) => values[_next++] = value;

        public void Int32(int value) => values[_next++] = value;

        public void Int64(long value) => values[_next++] = value;

        public void Ticks(long? value) => values[_next++] = value;
    }

    /// <summary>One row's values by column, text and numbers apart, for <see cref="ComparedColumns"/>.</summary>
    private struct RecordedColumns(string?[] texts, long?[] numbers) : IColumns
    {
        private int _next;

        public readonly string?[] Texts => texts;

        public readonly long?[] Numbers => numbers;

        public void Text(string? value) => texts[_next++] = value;

        public void Int32(int value) => numbers[_next++] = value;

        public void Int64(long value) => numbers[_next++] = value;

        public void Ticks(long? value) => numbers[_next++] = value;
    }

    /// <summary>Sets bit <c>i</c> where the written value differs from the recorded one (ordinal text, exact numbers).</summary>
    private struct ComparedColumns(string?[] texts, long?[] numbers) : IColumns
    {
        private int _next;

        public ulong Changed { get; private set; }

        public void Text(string? value) => Mark(!string.Equals(texts[_next], value, StringComparison.Ordinal));

        public void Int32(int value) => Mark(numbers[_next] != value);

        public void Int64(long value) => Mark(numbers[_next] != value);

        public void Ticks(long? value) => Mark(numbers[_next] != value);

        private void Mark(bool differs)
        {
            if (differs)
            {
                Changed |= 1UL << _next;
            }

            _next++;
        }
    }

    /// <summary>Straight onto a kept SQLite statement: text as text, numbers as SQLite integers, null as NULL.</summary>
    private struct StatementColumns(SqliteKeptStatement statement, int[] positions) : IColumns
    {
        private int _next;

        // A position of 0: a column this statement does not set (the changed-columns UPDATE); its value is skipped.
        public void Text(string? value)
        {
            if (positions[_next++] is > 0 and var at)
            {
                statement.Bind(at, value);
            }
        }

        public void Int32(int value)
        {
            if (positions[_next++] is > 0 and var at)
            {
                statement.Bind(at, (long)value);
            }
        }

        public void Int64(long value)
        {
            if (positions[_next++] is > 0 and var at)
            {
                statement.Bind(at, value);
            }
        }

        public void Ticks(long? value)
        {
            if (positions[_next++] is > 0 and var at)
            {
                statement.Bind(at, value);
            }
        }
    }

    /// <summary>The summary in the current row of <paramref name="reader"/>, selected as <see cref="Columns"/> (from <paramref name="at"/>).</summary>
    public static CaseSummary Read(DbDataReader reader, int at = 0) => new()
    {
        Id = reader.GetString(at),
        Version = reader.GetInt64(at + 1),
        Number = reader.GetString(at + 2),
        ServiceItemCode = reader.GetString(at + 3),
        ServiceItemName = reader.GetString(at + 4),
        ServiceItemNameEn = Text(reader, at + 5),
        Channel = reader.GetString(at + 6),
        Hall = reader.GetString(at + 7),
        DeliveryHall = Text(reader, at + 8),
        Window = Text(reader, at + 9),
        Departments = ParseList(reader.GetString(at + 10)),
        RoutedDepartments = ParseList(reader.GetString(at + 11)),
        District = Text(reader, at + 12),
        Coordinator = Text(reader, at + 13),
        Stage = reader.GetString(at + 14),
        Status = reader.GetString(at + 15),
        SlaState = reader.GetString(at + 16),
        ApplicantName = reader.GetString(at + 17),
        OpenedAt = Time(reader.GetInt64(at + 18)),
        AcceptedAt = OptionalTime(reader, at + 19),
        UpdatedAt = Time(reader.GetInt64(at + 20)),
        ClosedAt = OptionalTime(reader, at + 21),
        DueAt = OptionalTime(reader, at + 22),
        CorrectionRounds = reader.GetInt32(at + 23),
        CopiesSaved = reader.GetInt32(at + 24),
        IdCardCopiesWaived = reader.GetInt32(at + 25),
        LicenceCopiesWaived = reader.GetInt32(at + 26),
        AppointmentCode = Text(reader, at + 27),
        DefinitionId = reader.GetString(at + 28),
        DefinitionVersion = reader.GetInt32(at + 29),
        DefinitionVersionId = reader.GetString(at + 30),
        WorkflowStatus = reader.GetString(at + 31),
        IncidentCount = reader.GetInt32(at + 32),
    };

    /// <summary>What the <c>*_key</c> columns hold: the value as boards and search match it (case-insensitively).</summary>
    public static string? Key(string? value) => value?.ToLowerInvariant();

    /// <summary>Every department involved (reviewing or routed to), lower case, each between bars: <c>|a|b|</c>.</summary>
    public static string DepartmentKeys(CaseSummary summary) =>
        "|" + string.Concat(summary.Departments.Concat(summary.RoutedDepartments).Select(d => Key(d) + "|").Distinct());

    /// <summary>A time as stored: UTC ticks, which both engines order and subtract alike.</summary>
    public static long Ticks(DateTimeOffset at) => at.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    internal static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static long? Ticks(DateTimeOffset? at) => at?.UtcTicks;

    private static string List(IReadOnlyList<string> items) => JsonSerializer.Serialize(items);

    private static IReadOnlyList<string> ParseList(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static string? Text(DbDataReader reader, int at) => reader.IsDBNull(at) ? null : reader.GetString(at);

    private static DateTimeOffset? OptionalTime(DbDataReader reader, int at) => reader.IsDBNull(at) ? null : Time(reader.GetInt64(at));
}
