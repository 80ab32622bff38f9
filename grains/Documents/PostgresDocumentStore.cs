using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace ServiceHall.Grains.Documents;

/// <summary>
/// PostgreSQL mode: documents in the <c>servicehall_document</c> table (schema step V0003), their bytes in
/// <c>servicehall_document_chunk</c> rows of <see cref="ChunkSize"/> (V0004). The cluster already depends on this
/// database and every silo reaches it, so uploads need no shared disk or object store: one store to back up (a dump
/// holds cases and their scans together), and a write is one transaction, committed or absent, never half there.
/// Chunks keep memory per upload and download at one chunk whatever the file's size, on the silo and on the server
/// (a single bytea value is always materialised whole by the server, however the client streams it); a download holds
/// a connection only while it fetches a chunk (see <see cref="ChunkedContentStream"/>).
/// </summary>
public sealed class PostgresDocumentStore(string connectionString, TimeProvider clock) : IDocumentStore
{
    /// <summary>Bytes per chunk row; V0004 splits older documents at the same size.</summary>
    public const int ChunkSize = 256 * 1024;

    public async Task<StoredDocument> SaveAsync(NewDocument document, Stream content, CancellationToken cancellationToken = default)
    {
        var id = DocumentIds.New();
        var storedAt = clock.GetUtcNow();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The description goes first (the chunks reference it) with its length and hash filled in once all bytes have
        // passed; nobody sees the row before the commit.
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO servicehall_document (id, owner, file_name, content_type, length, sha256, stored_at)
            VALUES (@id, @owner, @file_name, @content_type, 0, '', @stored_at);
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("owner", document.Owner);
            insert.Parameters.AddWithValue("file_name", document.FileName);
            insert.Parameters.AddWithValue("content_type", document.ContentType);
            insert.Parameters.AddWithValue("stored_at", storedAt);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var chunk = new NpgsqlCommand(
            "INSERT INTO servicehall_document_chunk (document_id, seq, data) VALUES (@id, @seq, @data);", connection, transaction))
        {
            var seq = new NpgsqlParameter<int>("seq", NpgsqlDbType.Integer);
            var data = new NpgsqlParameter("data", NpgsqlDbType.Bytea);
            chunk.Parameters.Add(seq);
            chunk.Parameters.Add(data);
            chunk.Parameters.AddWithValue("id", id);
            var buffer = new byte[ChunkSize];
            for (var next = 0; ; next++)
            {
                var filled = await content.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, filled);
                length += filled;
                seq.TypedValue = next;
                data.Value = new ArraySegment<byte>(buffer, 0, filled);
                await chunk.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        await using (var complete = new NpgsqlCommand(
            "UPDATE servicehall_document SET length = @length, sha256 = @sha256 WHERE id = @id;", connection, transaction))
        {
            complete.Parameters.AddWithValue("length", length);
            complete.Parameters.AddWithValue("sha256", sha256);
            complete.Parameters.AddWithValue("id", id);
            await complete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredDocument
        {
            Id = id,
            Owner = document.Owner,
            FileName = document.FileName,
            ContentType = document.ContentType,
            Length = length,
            Sha256 = sha256,
            StoredAt = storedAt,
        };
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
            "SELECT owner, file_name, content_type, length, sha256, stored_at FROM servicehall_document WHERE id = @id;", connection);
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

        // The bytes are fetched chunk by chunk as the caller reads, each on a connection taken from the pool just for it.
        return new OpenedDocument(stored, new ChunkedContentStream(connectionString, id, stored.Length));
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // The chunks go with the description (ON DELETE CASCADE).
        await using var command = new NpgsqlCommand("DELETE FROM servicehall_document WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
