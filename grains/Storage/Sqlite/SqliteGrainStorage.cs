using System.Runtime.InteropServices;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;

namespace ServiceHall.Grains.Storage.Sqlite;

/// <summary>
/// Grain state in the embedded SQLite file. A row is keyed by state name and grain id; its integer version is the
/// ETag, and every write is a compare-and-swap on it, so two activations of one grain can never both win.
/// Clearing keeps the row as a tombstone with a higher version, so a stale ETag from before the clear stays stale.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain;";
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(0);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        if (reader.IsDBNull(1))
        {
            grainState.State = CreateDefault<T>();
            grainState.RecordExists = false;
            return;
        }

        var payload = (byte[])reader.GetValue(1);
        grainState.State = serializer.Deserialize<T>(new BinaryData(payload));
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = PayloadBytes(serializer.Serialize(grainState.State));
        var now = database.UtcNowText();
        using var writer = await database.EnterWriterAsync();
        if (grainState.ETag is null)
        {
            var inserted = await writer.ExecuteAsync(
                """
                INSERT INTO grain_state (state_name, grain_id, version, payload, modified_utc)
                VALUES ($state, $grain, 1, $payload, $now)
                ON CONFLICT (state_name, grain_id) DO NOTHING;
                """,
                command => Bind(command, stateName, grainId, now, payload),
                command => command.ExecuteNonQueryAsync());
            ExpectOneRow(inserted, stateName, grainId, grainState.ETag);
            grainState.ETag = "1";
        }
        else
        {
            var expected = ParseETag(grainState.ETag, stateName, grainId);
            var updated = await writer.ExecuteAsync(
                """
                UPDATE grain_state SET version = version + 1, payload = $payload, modified_utc = $now
                WHERE state_name = $state AND grain_id = $grain AND version = $expected;
                """,
                command => Bind(command, stateName, grainId, now, payload, expected),
                command => command.ExecuteNonQueryAsync());
            ExpectOneRow(updated, stateName, grainId, grainState.ETag);
            grainState.ETag = (expected + 1).ToString(CultureInfo.InvariantCulture);
        }

        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var now = database.UtcNowText();
        using var writer = await database.EnterWriterAsync();
        if (grainState.ETag is null)
        {
            // Nothing was read, so there must be nothing to clear; a row written meanwhile by someone else is a conflict.
            var existing = await writer.ExecuteAsync(
                "SELECT COUNT(*) FROM grain_state WHERE state_name = $state AND grain_id = $grain;",
                command => Bind(command, stateName, grainId, now),
                async command => Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
            if (existing > 0)
            {
                throw Conflict(stateName, grainId, grainState.ETag);
            }
        }
        else
        {
            var expected = ParseETag(grainState.ETag, stateName, grainId);
            var cleared = await writer.ExecuteAsync(
                """
                UPDATE grain_state SET version = version + 1, payload = NULL, modified_utc = $now
                WHERE state_name = $state AND grain_id = $grain AND version = $expected;
                """,
                command => Bind(command, stateName, grainId, now, expected: expected),
                command => command.ExecuteNonQueryAsync());
            ExpectOneRow(cleared, stateName, grainId, grainState.ETag);
            grainState.ETag = (expected + 1).ToString(CultureInfo.InvariantCulture);
        }

        grainState.State = CreateDefault<T>();
        grainState.RecordExists = false;
    }

    /// <summary>
    /// The serialized state as one array: the serializer's own when the data wraps a whole array (ours does), so a save
    /// does not copy its payload once more (<see cref="BinaryData.ToArray"/> always copies).
    /// </summary>
    private static byte[] PayloadBytes(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment.Array is { } array
            && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : data.ToArray();

    /// <summary>Sets a kept write command's parameters (the ones its text does not name are ignored).</summary>
    private static void Bind(SqliteCommand command, string stateName, GrainId grainId, string now, byte[]? payload = null, long expected = 0)
    {
        SqliteWriterTurn.Bind(command, "$state", stateName);
        SqliteWriterTurn.Bind(command, "$grain", grainId.ToString());
        SqliteWriterTurn.Bind(command, "$now", now);
        SqliteWriterTurn.Bind(command, "$payload", payload);
        SqliteWriterTurn.Bind(command, "$expected", expected);
    }

    private static void ExpectOneRow(int changed, string stateName, GrainId grainId, string? etag)
    {
        if (changed != 1)
        {
            throw Conflict(stateName, grainId, etag);
        }
    }

    private static void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
    }

    private static long ParseETag(string etag, string stateName, GrainId grainId) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException(
                $"ETag '{etag}' of state '{stateName}' for grain {grainId} is not a version this storage issued.");

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? etag) =>
        new($"State '{stateName}' of grain {grainId} changed since it was read (ETag {etag ?? "none"}); the write was rejected.",
            storedEtag: "unknown", currentEtag: etag ?? "none");

    private static T CreateDefault<T>() => typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null
        ? Activator.CreateInstance<T>()
        : default!;
}
