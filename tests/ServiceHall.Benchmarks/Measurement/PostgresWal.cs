using System.Globalization;
using Npgsql;

namespace ServiceHall.Benchmarks.Measurement;

/// <summary>
/// Gives a freshly initialised PostgreSQL the WAL segment files a server that has run already has. A new cluster owns
/// a handful of 16 MB segments; under this harness's load every further one is created and zero-filled by the backend
/// that needs it, while every commit behind it waits. Issue 20's sixth pass found exactly that in the open loop's
/// tail: 40-90 ms commits, four at a time, once per segment (every 1-1.5 s), gone with <c>wal_init_zero=off</c>. A
/// server past its first checkpoint renames old segments for reuse instead (<c>wal_recycle</c>; a checkpoint keeps about
/// twice what recent checkpoint cycles wrote, at least <c>min_wal_size</c> and at most <c>max_wal_size</c>), so the stall
/// is a first-minutes cost of a new server, not a cost per command. This fills the
/// WAL with switches and checkpoints, so the old segments are renamed for reuse before a window opens.
/// </summary>
public static class PostgresWal
{
    // Segments to write through: 1 GB, the default max_wal_size, which is also the most a checkpoint keeps for reuse.
    public const int FullSegments = 64;

    /// <summary>
    /// Segment files in <c>pg_wal</c>. Compared before and after a window it gives the net growth: files created minus
    /// files a checkpoint removed meanwhile (PostgreSQL counts creations only in its checkpoint log).
    /// </summary>
    public static async Task<long> SegmentFilesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$';", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Writes through <paramref name="segments"/> segments (a small logged insert, then a switch to the next segment,
    /// creating it if need be) and checkpoints, which renames the segments behind it for reuse. Returns a note for the
    /// row that measured after it.
    /// </summary>
    public static async Task<string> ReuseSegmentsAsync(string connectionString, int segments = FullSegments)
    {
        var before = await SegmentFilesAsync(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The table first, on its own: created in the same transaction as the inserts, they would skip the WAL when
        // wal_level is minimal, and the switches would have nothing to switch from.
        await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS benchmark_wal_fill (at timestamptz NOT NULL);", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var fill = new NpgsqlCommand($"""
            DO $$ BEGIN
              FOR i IN 1..{segments} LOOP
                INSERT INTO benchmark_wal_fill VALUES (clock_timestamp());
                PERFORM pg_switch_wal();
              END LOOP;
            END $$;
            """, connection))
        {
            fill.CommandTimeout = 300;
            await fill.ExecuteNonQueryAsync();
        }

        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT;", connection))
        {
            checkpoint.CommandTimeout = 300;
            await checkpoint.ExecuteNonQueryAsync();
        }

        var after = await SegmentFilesAsync(connectionString);
        return string.Create(CultureInfo.InvariantCulture,
            $"{after} WAL segment files ready for reuse before the window ({before} before), as on a server that has run: a new server's first segments are each created and zero-filled while commits wait");
    }
}
