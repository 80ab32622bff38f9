using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// Durable reminders for the embedded mode, in the same SQLite file as grain state, so workflow timers and the jobs' wake-ups (the SLA sweep,
/// retention) outlive restarts.
/// The grain's uniform hash is stored to answer the reminder service's ring-range reads.
/// </summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_ticks, period_ms, version";

    public Task StartAsync(CancellationToken cancellationToken = default) => database.EnsureSchemaAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_id = $grain;",
            command => command.Parameters.AddWithValue("$grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The range is (begin, end] on the hash ring; begin >= end wraps past uint.MaxValue, and begin == end is the whole ring.
        var filter = begin < end
            ? "grain_hash > $begin AND grain_hash <= $end"
            : "grain_hash > $begin OR grain_hash <= $end";
        return QueryAsync($"SELECT {Columns} FROM reminders WHERE {filter};", command =>
        {
            command.Parameters.AddWithValue("$begin", (long)begin);
            command.Parameters.AddWithValue("$end", (long)end);
        });
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_id = $grain AND reminder_name = $name;", command =>
        {
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.Parameters.AddWithValue("$name", reminderName);
        });
        return rows.Reminders.FirstOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        using var writer = await database.EnterWriterAsync();
        var version = await writer.ExecuteAsync("""
            INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_ticks, period_ms, version)
            VALUES ($grain, $name, $hash, $start, $period, 0)
            ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                grain_hash = excluded.grain_hash,
                start_ticks = excluded.start_ticks,
                period_ms = excluded.period_ms,
                version = reminders.version + 1
            RETURNING version;
            """,
            command =>
            {
                SqliteWriterTurn.Bind(command, "$grain", entry.GrainId.ToString());
                SqliteWriterTurn.Bind(command, "$name", entry.ReminderName);
                SqliteWriterTurn.Bind(command, "$hash", (long)entry.GrainId.GetUniformHashCode());
                SqliteWriterTurn.Bind(command, "$start", ToUtc(entry.StartAt).Ticks);
                SqliteWriterTurn.Bind(command, "$period", (long)entry.Period.TotalMilliseconds);
            },
            async command => Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        using var writer = await database.EnterWriterAsync();
        var removed = await writer.ExecuteAsync(
            "DELETE FROM reminders WHERE grain_id = $grain AND reminder_name = $name AND version = $version;",
            command =>
            {
                SqliteWriterTurn.Bind(command, "$grain", grainId.ToString());
                SqliteWriterTurn.Bind(command, "$name", reminderName);
                SqliteWriterTurn.Bind(command, "$version", version);
            },
            command => command.ExecuteNonQueryAsync());
        return removed > 0;
    }

    public async Task TestOnlyClearTable()
    {
        using var writer = await database.EnterWriterAsync();
        await SqliteDatabase.ExecuteAsync(await writer.ConnectionAsync(), "DELETE FROM reminders;", CancellationToken.None);
    }

    private async Task<ReminderTableData> QueryAsync(string sql, Action<SqliteCommand> bind)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
