using System.Data;
using Npgsql;

namespace ServiceHall.Grains.Documents;

/// <summary>
/// A stored document's bytes as one forward-only stream over its chunk rows, fetched one chunk per query into a single
/// reused buffer. A pooled connection is held only while a chunk is fetched, never while the caller (a slow download)
/// reads: the pool is shared with grain storage and reminders, which must not wait behind downloads. Chunk rows are
/// written once and never changed, so reading them in separate queries is consistent; only a document deleted while
/// being read ends the stream early, with an <see cref="IOException"/> rather than short content.
/// </summary>
internal sealed class ChunkedContentStream(string connectionString, string documentId, long length) : Stream
{
    private const string ChunkQuery =
        "SELECT length(data), data FROM servicehall_document_chunk WHERE document_id = @id AND seq = @seq;";

    private byte[]? _buffer;
    private int _filled;
    private int _offset;
    private int _nextChunk;
    private long _delivered;
    private bool _disposed;

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || _delivered == length)
        {
            return 0;
        }

        if (_offset == _filled)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = ChunkCommand(connection);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
            var size = await reader.ReadAsync(cancellationToken) ? await reader.GetFieldValueAsync<int>(0, cancellationToken) : -1;
            Expect(size);
            await using var chunk = reader.GetStream(1);
            _filled = await chunk.ReadAtLeastAsync(_buffer!, size, throwOnEndOfStream: true, cancellationToken);
            _offset = 0;
        }

        return Deliver(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || _delivered == length)
        {
            return 0;
        }

        if (_offset == _filled)
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = ChunkCommand(connection);
            using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow);
            var size = reader.Read() ? reader.GetFieldValue<int>(0) : -1;
            Expect(size);
            using var chunk = reader.GetStream(1);
            _filled = chunk.ReadAtLeast(_buffer!, size, throwOnEndOfStream: true);
            _offset = 0;
        }

        return Deliver(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _buffer = null;
        base.Dispose(disposing);
    }

    private NpgsqlCommand ChunkCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(ChunkQuery, connection);
        command.Parameters.AddWithValue("id", documentId);
        command.Parameters.AddWithValue("seq", _nextChunk);
        return command;
    }

    /// <summary>Checks the next chunk's size (-1: no such row) against what is still owed, and readies the buffer.</summary>
    private void Expect(int size)
    {
        var owed = length - _delivered;
        if (size <= 0 || size > owed || size > PostgresDocumentStore.ChunkSize)
        {
            throw new IOException(size < 0
                ? $"Document {documentId}: chunk {_nextChunk} is missing ({owed} of {length} bytes not read); it was deleted while being read."
                : $"Document {documentId}: chunk {_nextChunk} holds {size} bytes where at most {Math.Min(owed, PostgresDocumentStore.ChunkSize)} were expected.");
        }

        // One buffer for the whole read, no larger than the document needs.
        _buffer ??= new byte[(int)Math.Min(length, PostgresDocumentStore.ChunkSize)];
        _nextChunk++;
    }

    private int Deliver(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _filled - _offset);
        _buffer.AsSpan(_offset, count).CopyTo(destination);
        _offset += count;
        _delivered += count;
        return count;
    }
}
