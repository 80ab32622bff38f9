using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using ServiceHall.Grains.Storage.Postgres;

namespace ServiceHall.Benchmarks.Ceiling;

/// <summary>
/// What ServiceHall's commands wrote for one real case of the PostgreSQL-mode run: its head, every appended entry
/// (journal, workflow journal, documents, uploads) and queued message, its board row, and how many saves wrote them.
/// The ceiling's bare-Npgsql loop replays this shape — per command one transaction that rewrites the head, appends the
/// entries' share of one save (round-robin, so a whole cycle writes exactly the case's rows) and rewrites the board
/// row — into the same tables and indexes, so "% of bare Npgsql" compares like with like.
/// </summary>
public sealed record CommandRows(
    string Head, long Saves, IReadOnlyList<(string Table, string Entry)> Entries, IReadOnlyList<string> Messages,
    IReadOnlyList<(string Column, object Value)> Summary)
{
    private const string Service = "ceiling";

    private static readonly string[] ListTables = ["case_journal", "case_workflow_journal", "case_document", "case_upload"];

    /// <summary>Rows a command writes on average: the head, its share of entries and messages, the board row.</summary>
    public double RowsPerCommand => 2 + (Entries.Count + Messages.Count) / (double)Saves;

    /// <summary>Bytes of text a command writes on average (head, entries, messages; the board row's ≈45 columns not counted).</summary>
    public double BytesPerCommand =>
        Encoding.UTF8.GetByteCount(Head) + (Entries.Sum(e => Encoding.UTF8.GetByteCount(e.Entry)) + Messages.Sum(Encoding.UTF8.GetByteCount)) / (double)Saves;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"a real command's transaction: head {Encoding.UTF8.GetByteCount(Head)} B + {(Entries.Count + Messages.Count) / (double)Saves:F1} appended rows + board row; ≈{BytesPerCommand:F0} B of text, {RowsPerCommand:F1} rows per command (case of {Saves} saves)");

    /// <summary>The stored case with the most saves in <paramref name="connectionString"/>'s case tables, or null when none.</summary>
    public static async Task<CommandRows?> CaptureAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        string caseId, head;
        long saves;
        await using (var command = new NpgsqlCommand("SELECT case_id, revision, head FROM case_head ORDER BY revision DESC, case_id LIMIT 1;", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                return null;
            }

            (caseId, saves, head) = (reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
        }

        var entries = new List<(string, string)>();
        foreach (var table in ListTables)
        {
            foreach (var entry in await TextAsync(connection, $"SELECT entry FROM {table} WHERE case_id = @case ORDER BY seq;", caseId))
            {
                entries.Add((table, entry));
            }
        }

        var messages = await TextAsync(connection, "SELECT message FROM case_outbox WHERE case_id = @case ORDER BY position;", caseId);
        var summary = new List<(string, object)>();
        await using (var command = new NpgsqlCommand("SELECT * FROM case_summary WHERE case_id = @case;", connection))
        {
            command.Parameters.AddWithValue("case", caseId);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    summary.Add((reader.GetName(i), reader.GetValue(i)));
                }
            }
        }

        return new CommandRows(head, Math.Max(1, saves), entries, messages, summary);
    }

    /// <summary>A fresh migrated database with one case per worker, as the first save of each would have left it.</summary>
    public async Task SeedAsync(NpgsqlDataSource source, string connectionString, int workers)
    {
        await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString);
        for (var worker = 0; worker < workers; worker++)
        {
            await using var batch = source.CreateBatch();
            var head = new NpgsqlBatchCommand("INSERT INTO case_head (service_id, case_id, revision, version, status, head) VALUES (@service, @case, 1, 1, 'open', @head);");
            head.Parameters.AddWithValue("service", Service);
            head.Parameters.AddWithValue("case", CaseId(worker));
            head.Parameters.AddWithValue("head", Head);
            batch.BatchCommands.Add(head);
            if (Summary.Count > 0)
            {
                var row = new NpgsqlBatchCommand(
                    $"INSERT INTO case_summary ({string.Join(", ", Summary.Select(c => c.Column))}) VALUES ({string.Join(", ", Summary.Select((_, i) => "$" + (i + 1)))});");
                foreach (var (column, value) in Summary)
                {
                    // Keys that may be unique get the worker's own value.
                    row.Parameters.Add(new NpgsqlParameter
                    {
                        Value = column == "case_id" ? CaseId(worker)
                            : column is "number" or "number_key" or "tracking_code" ? $"{CaseId(worker)}-{column}" : value,
                    });
                }

                batch.BatchCommands.Add(row);
            }

            await batch.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// One command of <paramref name="worker"/>'s case, the <paramref name="round"/>-th: one implicit transaction (one
    /// round trip, one commit) that moves the head on, appends this save's share of entries and messages, and rewrites
    /// the board row's changing columns (a new row version, as the real upsert writes).
    /// </summary>
    public async Task WriteAsync(NpgsqlDataSource source, int worker, long round)
    {
        await using var batch = source.CreateBatch();
        var caseId = CaseId(worker);
        var head = new NpgsqlBatchCommand("UPDATE case_head SET revision = revision + 1, version = version + 1, head = @head, modified_at = now() WHERE service_id = @service AND case_id = @case;");
        head.Parameters.AddWithValue("service", Service);
        head.Parameters.AddWithValue("case", caseId);
        head.Parameters.AddWithValue("head", Head);
        batch.BatchCommands.Add(head);

        var share = (int)(round % Saves);
        foreach (var table in ListTables)
        {
            var entries = Entries.Where((e, i) => i % Saves == share && e.Table == table).Select(e => e.Entry).ToArray();
            if (entries.Length == 0)
            {
                continue;
            }

            // Positions after every earlier round's: this worker's rounds so far times the most any round appends.
            var insert = new NpgsqlBatchCommand($"""
                INSERT INTO {table} (service_id, case_id, seq, entry)
                SELECT @service, @case, @from + e.n, e.entry FROM unnest(@entries::text[]) WITH ORDINALITY AS e(entry, n);
                """);
            insert.Parameters.AddWithValue("service", Service);
            insert.Parameters.AddWithValue("case", caseId);
            insert.Parameters.AddWithValue("from", round * Entries.Count);
            insert.Parameters.Add(new NpgsqlParameter("entries", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries });
            batch.BatchCommands.Add(insert);
        }

        var messages = Messages.Where((_, i) => i % Saves == share).ToArray();
        if (messages.Length > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO case_outbox (service_id, case_id, message_id, position, message)
                SELECT @service, @case, @case || ':' || (@from + m.n), @from + m.n, m.message FROM unnest(@messages::text[]) WITH ORDINALITY AS m(message, n);
                """);
            insert.Parameters.AddWithValue("service", Service);
            insert.Parameters.AddWithValue("case", caseId);
            insert.Parameters.AddWithValue("from", round * Messages.Count);
            insert.Parameters.Add(new NpgsqlParameter("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages });
            batch.BatchCommands.Add(insert);
        }

        if (Summary.Count > 0)
        {
            var summary = new NpgsqlBatchCommand("UPDATE case_summary SET version = version + 1, updated_at = updated_at + 1, stage = stage, status = status WHERE case_id = @case;");
            summary.Parameters.AddWithValue("case", caseId);
            batch.BatchCommands.Add(summary);
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static string CaseId(int worker) => string.Create(CultureInfo.InvariantCulture, $"ceiling-{worker}");

    private static async Task<List<string>> TextAsync(NpgsqlConnection connection, string sql, string caseId)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("case", caseId);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
