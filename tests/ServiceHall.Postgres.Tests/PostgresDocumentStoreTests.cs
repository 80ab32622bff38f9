using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ServiceHall.Grains.Documents;
using ServiceHall.Grains.Storage.Postgres;

namespace ServiceHall.Postgres.Tests;

/// <summary>
/// The PostgreSQL document store against a real server: what one silo's store saves, another silo's store (a separate
/// instance on the same database) reads back byte for byte with the hash computed at save time. Bytes are kept in
/// chunk rows of <see cref="PostgresDocumentStore.ChunkSize"/>, so no upload or download holds a whole file.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDocumentStoreTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task ADocumentSavedThroughOneStoreIsReadThroughAnother()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var siloA = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var siloB = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        bytes[0] = (byte)'%';

        var stored = await siloA.SaveAsync(new NewDocument("case-1", "营业执照.pdf", "application/pdf"), new MemoryStream(bytes));
        await using var opened = await siloB.OpenAsync(stored.Id);

        Assert.NotNull(opened);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(stored with { StoredAt = opened!.Document.StoredAt }, opened.Document);
        Assert.True((opened.Document.StoredAt - stored.StoredAt).Duration() < TimeSpan.FromMilliseconds(1));
        using var copy = new MemoryStream();
        await opened.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("case-1", await ScalarAsync<string>(connectionString, $"SELECT owner FROM servicehall_document WHERE id = '{stored.Id}';"));
    }

    [SkippableFact]
    public async Task DeletedAndUnknownDocumentsAreAbsent()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var stored = await store.SaveAsync(new NewDocument("case-2", "scan.png", "image/png"), new MemoryStream([0x89, 0x50, 0x4E, 0x47]));

        await store.DeleteAsync(stored.Id);

        Assert.Null(await store.OpenAsync(stored.Id));
        Assert.Null(await store.OpenAsync(DocumentIds.New()));
        Assert.Null(await store.OpenAsync("../../etc/passwd"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM servicehall_document;"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM servicehall_document_chunk;"));
    }

    [SkippableFact]
    public async Task AFileOfManyChunksStreamsInAndOutByteExactWithItsHash()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var siloA = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var siloB = new PostgresDocumentStore(connectionString, TimeProvider.System);
        const int chunks = 6;
        var bytes = RandomNumberGenerator.GetBytes((chunks - 1) * PostgresDocumentStore.ChunkSize + 12_345);

        // The upload arrives in odd-sized pieces from a stream that cannot tell its length, as a request body does.
        var stored = await siloA.SaveAsync(new NewDocument("case-3", "规划图.pdf", "application/pdf"), new TrickleStream(bytes, 7_001));

        Assert.Equal(bytes.LongLength, stored.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);

        // Stored as full chunks and one remainder: the server never held the file as one value either.
        Assert.Equal(chunks, await ScalarAsync<long>(connectionString, $"SELECT count(*) FROM servicehall_document_chunk WHERE document_id = '{stored.Id}';"));
        Assert.Equal(PostgresDocumentStore.ChunkSize,
            await ScalarAsync<int>(connectionString, $"SELECT max(length(data)) FROM servicehall_document_chunk WHERE document_id = '{stored.Id}';"));

        // Read back asynchronously in small reads (as a response body is written) and synchronously.
        await using (var opened = await siloB.OpenAsync(stored.Id))
        {
            Assert.NotNull(opened);
            Assert.Equal((bytes.LongLength, stored.Sha256), (opened!.Document.Length, opened.Document.Sha256));
            using var copy = new MemoryStream();
            await opened.Content.CopyToAsync(copy, 4_096);
            Assert.Equal(bytes, copy.ToArray());
            Assert.Equal(stored.Sha256, Convert.ToHexStringLower(SHA256.HashData(copy.ToArray())));
            Assert.Equal(0, await opened.Content.ReadAsync(new byte[16]));
        }

        await using (var opened = await siloB.OpenAsync(stored.Id))
        {
            using var copy = new MemoryStream();
            opened!.Content.CopyTo(copy, 100_000);
            Assert.Equal(bytes, copy.ToArray());
        }
    }

    [SkippableFact]
    public async Task ADownloadHoldsNoConnectionWhileItsReaderWaits()
    {
        // A pool of one connection, shared (as in a silo) with everything else the store does: an open download
        // that kept it would leave the upload below waiting until the pool timeout.
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateMigratedDatabaseAsync()) { MaxPoolSize = 1, Timeout = 3 }.ToString();
        var store = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var bytes = RandomNumberGenerator.GetBytes(3 * PostgresDocumentStore.ChunkSize);
        var stored = await store.SaveAsync(new NewDocument("case-7", "slow.pdf", "application/pdf"), new MemoryStream(bytes));

        await using var opened = await store.OpenAsync(stored.Id);
        var copy = new MemoryStream();
        var first = new byte[1_000];
        var read = await opened!.Content.ReadAsync(first);
        copy.Write(first, 0, read);

        // Mid-download, with the rest of the first chunk still unread: the pool's one connection is free.
        var other = await store.SaveAsync(new NewDocument("case-7", "next.png", "image/png"), new MemoryStream([1, 2, 3]));
        Assert.Equal(3L, other.Length);
        await opened.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [SkippableFact]
    public async Task ADocumentDeletedWhileBeingReadEndsTheReadWithAnErrorNotShortContent()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var bytes = RandomNumberGenerator.GetBytes(2 * PostgresDocumentStore.ChunkSize + 10);
        var stored = await store.SaveAsync(new NewDocument("case-8", "gone.pdf", "application/pdf"), new MemoryStream(bytes));

        await using var opened = await store.OpenAsync(stored.Id);
        var firstChunk = new byte[PostgresDocumentStore.ChunkSize];
        await opened!.Content.ReadExactlyAsync(firstChunk);
        Assert.Equal(bytes.AsSpan(0, PostgresDocumentStore.ChunkSize).ToArray(), firstChunk);
        await store.DeleteAsync(stored.Id);

        await Assert.ThrowsAsync<IOException>(async () => await opened.Content.ReadExactlyAsync(new byte[16]));
    }

    [SkippableFact]
    public async Task AnEmptyFileIsStoredWithoutChunksAndReadsBackEmpty()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresDocumentStore(connectionString, TimeProvider.System);

        var stored = await store.SaveAsync(new NewDocument("case-4", "empty.txt", "text/plain"), new MemoryStream());
        await using var opened = await store.OpenAsync(stored.Id);

        Assert.Equal((0L, Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty))), (stored.Length, stored.Sha256));
        Assert.Equal(stored.Sha256, opened!.Document.Sha256);
        Assert.Equal(0, await opened.Content.ReadAsync(new byte[16]));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM servicehall_document_chunk;"));
    }

    [SkippableFact]
    public async Task AnUploadThatBreaksOffAfterSomeChunksLeavesNothingBehind()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        var store = new PostgresDocumentStore(connectionString, TimeProvider.System);
        var bytes = RandomNumberGenerator.GetBytes(3 * PostgresDocumentStore.ChunkSize);

        // Two chunks are written before the upload fails: the transaction takes them back with the description.
        await Assert.ThrowsAsync<IOException>(() =>
            store.SaveAsync(new NewDocument("case-5", "broken.pdf", "application/pdf"), new TrickleStream(bytes, 65_536, failAfter: 2 * PostgresDocumentStore.ChunkSize + 1)));

        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM servicehall_document;"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM servicehall_document_chunk;"));
    }

    [SkippableFact]
    public async Task DocumentsStoredBeforeTheChunkStepAreSplitIntoChunksAndStillRead()
    {
        // A database at V0003, where each document's bytes were one bytea column.
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var legacy = RandomNumberGenerator.GetBytes(2 * PostgresDocumentStore.ChunkSize + 99);
        var (fullId, emptyId) = (DocumentIds.New(), DocumentIds.New());
        await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString, through: 3);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            foreach (var (id, content) in new[] { (fullId, legacy), (emptyId, Array.Empty<byte>()) })
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO servicehall_document (id, owner, file_name, content_type, length, sha256, content, stored_at)
                    VALUES (@id, 'case-6', 'old.pdf', 'application/pdf', @length, @sha256, @content, now());
                    """, connection);
                insert.Parameters.AddWithValue("id", id);
                insert.Parameters.AddWithValue("length", content.LongLength);
                insert.Parameters.AddWithValue("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));
                insert.Parameters.AddWithValue("content", content);
                await insert.ExecuteNonQueryAsync();
            }
        }

        var applied = await new PostgresSchemaMigrator(NullLogger<PostgresSchemaMigrator>.Instance).MigrateAsync(connectionString);
        Assert.Equal(PostgresSchemaMigrator.Steps.Where(s => s.Version > 3).Select(s => s.Version), applied);
        var store = new PostgresDocumentStore(connectionString, TimeProvider.System);

        await using (var full = await store.OpenAsync(fullId))
        {
            using var copy = new MemoryStream();
            await full!.Content.CopyToAsync(copy);
            Assert.Equal(legacy, copy.ToArray());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(legacy)), full.Document.Sha256);
        }

        await using (var none = await store.OpenAsync(emptyId))
        {
            Assert.Equal(0, await none!.Content.ReadAsync(new byte[16]));
        }

        Assert.Equal(3L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM servicehall_document_chunk;"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'servicehall_document' AND column_name = 'content';"));
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>A non-seekable upload that hands out at most <c>piece</c> bytes per read and can break off part-way.</summary>
internal sealed class TrickleStream(byte[] bytes, int piece, int failAfter = int.MaxValue) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter)
        {
            throw new IOException("The client went away.");
        }

        var count = Math.Min(Math.Min(buffer.Length, piece), Math.Min(bytes.Length, failAfter) - _position);
        bytes.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
