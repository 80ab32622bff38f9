using System.Data.Common;
using System.Text.Json;

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
        "definition_version", "definition_version_id", "workflow_status", "incident_count",
    ];

    /// <summary>The written columns that may be null and are not text.</summary>
    private static readonly HashSet<string> NullableTicks = ["accepted_at", "closed_at", "due_at"];

    private static readonly string UpsertSql = $"""
        INSERT INTO case_summary ({string.Join(", ", Written)})
        VALUES ({string.Join(", ", Written.Select(c => "@" + c))})
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

    // One UPDATE text per set of changed columns, built on first use (a few dozen sets occur: a step moves the stage,
    // acceptance the due date, closing the status). Past this many the full upsert is used instead, so a writer keeps a
    // bounded number of prepared statements.
    private const int MaxChangedShapes = 128;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, string> ChangedSql = new();

    /// <summary>
    /// An UPDATE of only the columns in which <paramref name="row"/> differs from <paramref name="previous"/>, the row
    /// the same writer saved for the case's previous version, applied only while the stored row is still that version
    /// (<c>@previous_version</c>); null when it cannot be used (no newer version, too many shapes already). SQLite
    /// maintains an index on UPDATE only when the statement sets one of its columns, and <c>case_summary</c> has about
    /// twenty indexes: the full upsert re-keys all of them on every command, when a step changes the version, the stage
    /// and the update time (issue 20). A stored row of another version (a repair, a purge) changes nothing here: the
    /// caller then writes the full upsert, so the row never mixes columns of two versions.
    /// </summary>
    public static string? ChangedText(CaseSummaryRow previous, CaseSummaryRow row, out object?[] values, out ulong changed)
    {
        values = ValueArray(row);
        changed = 0;
        if (previous.Summary.Id != row.Summary.Id || previous.Summary.Version >= row.Summary.Version)
        {
            return null;
        }

        var before = ValueArray(previous);
        // Columns 0 and 1 (case_id, version) are the statement's key and always set.
        for (var i = 2; i < Written.Length; i++)
        {
            if (!Equals(before[i], values[i]))
            {
                changed |= 1UL << i;
            }
        }

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
    /// Binds a command whose text <see cref="ChangedText"/> gave for <paramref name="changed"/>: the key, the previous
    /// version and the changed columns' <paramref name="values"/>; on a kept command only sets them, in the same order.
    /// </summary>
    public static void BindChanged(DbCommand command, long previousVersion, object?[] values, ulong changed)
    {
        var parameters = command.Parameters;
        var reuse = parameters.Count > 0;
        var at = 0;
        Set("case_id", values[0]);
        Set("version", values[1]);
        Set("previous_version", previousVersion);
        for (var i = 2; i < Written.Length; i++)
        {
            if ((changed & (1UL << i)) != 0)
            {
                Set(Written[i], values[i]);
            }
        }

        void Set(string name, object? value)
        {
            if (reuse)
            {
                parameters[at++].Value = value ?? DBNull.Value;
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
        command.CommandText = UpsertSql;
        foreach (var (name, value) in Values(row))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
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

    private static IEnumerable<(string Name, object? Value)> Values(CaseSummaryRow row) => Written.Zip(ValueArray(row));

    /// <summary>The row's values in the order of <see cref="Written"/>.</summary>
    private static object?[] ValueArray(CaseSummaryRow row)
    {
        var s = row.Summary;
        return
        [
            s.Id, s.Version, s.Number, Key(s.Number), row.TrackingCode, s.ServiceItemCode, s.ServiceItemName,
            s.ServiceItemNameEn, s.Channel, s.Hall, Key(s.Hall), s.DeliveryHall, Key(s.DeliveryHall), s.Window,
            Key(s.Window), List(s.Departments), List(s.RoutedDepartments), DepartmentKeys(s), s.District, Key(s.District),
            s.Coordinator, Key(s.Coordinator), s.Stage, s.Status, CaseStatuses.IsFinal(s.Status) ? 0 : 1, s.SlaState,
            s.ApplicantName, Key(s.ApplicantName), row.Organisation, Key(row.Organisation), Ticks(s.OpenedAt),
            Ticks(s.AcceptedAt), Ticks(s.UpdatedAt), Ticks(s.ClosedAt), Ticks(s.DueAt), s.CorrectionRounds, s.CopiesSaved,
            s.IdCardCopiesWaived, s.LicenceCopiesWaived, s.AppointmentCode, s.DefinitionId, s.DefinitionVersion,
            s.DefinitionVersionId, s.WorkflowStatus, s.IncidentCount,
        ];
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
