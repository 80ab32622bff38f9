using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace ServiceHall.Grains.Documents;

/// <summary>
/// PostgreSQL mode: documents in the <c>servicehall_document</c> table (schema step V0003). The cluster already
/// depends on this database and every silo reaches it, so uploads need no shared disk or object store: one store to
/// back up (a dump holds cases and their scans together), and a write is committed or absent, never half there.
/// Scans are bounded by the upload limits (a few MB), well within what <c>bytea</c> handles.
/// </summary>
public sealed class PostgresDocumentStore(string connectionString, TimeProvider clock) : IDocumentStore
{
    public async Task<StoredDocument> SaveAsync(NewDocument document, Stream content, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var stored = new StoredDocument
        {
            Id = DocumentIds.New(),
            Owner = document.Owner,
            FileName = document.FileName,
            ContentType = document.ContentType,
            Length = bytes.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            StoredAt = clock.GetUtcNow(),
        };

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO servicehall_document (id, owner, file_name, content_type, length, sha256, content, stored_at)
            VALUES (@id, @owner, @file_name, @content_type, @length, @sha256, @content, @stored_at);
            """, connection);
        command.Parameters.AddWithValue("id", stored.Id);
        command.Parameters.AddWithValue("owner", stored.Owner);
        command.Parameters.AddWithValue("file_name", stored.FileName);
        command.Parameters.AddWithValue("content_type", stored.ContentType);
        command.Parameters.AddWithValue("length", stored.Length);
        command.Parameters.AddWithValue("sha256", stored.Sha256);
        command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = bytes });
        command.Parameters.AddWithValue("stored_at", stored.StoredAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return stored;
    }

    public async Task<OpenedDocument?> OpenAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!DocumentIds.IsValid(id))
        {
            return null;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT owner, file_name, content_type, length, sha256, stored_at, content FROM servicehall_document WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var stored = new StoredDocument
        {
            Id = id,
            Owner = reader.GetString(0),
            FileName = reader.GetString(1),
            ContentType = reader.GetString(2),
            Length = reader.GetInt64(3),
            Sha256 = reader.GetString(4),
            StoredAt = reader.GetFieldValue<DateTimeOffset>(5),
        };
        return new OpenedDocument(stored, new MemoryStream(reader.GetFieldValue<byte[]>(6), writable: false));
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM servicehall_document WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
