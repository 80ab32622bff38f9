using Npgsql;

namespace ServiceHall.Grains.Documents;

/// <summary>
/// A stored document's bytes as one forward-only stream over its chunk rows, read with sequential access so only the
/// driver's buffer is held, never a chunk or the document. It owns the reader, its command and its connection: the
/// connection stays open while the caller reads (a download) and goes back to the pool when the stream is disposed.
/// </summary>
internal sealed class ChunkedContentStream(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader, int dataColumn) : Stream
{
    // The reader starts on the first row (its description was read by the store); a row's column stream is opened lazily.
    private Stream? _chunk;
    private bool _onRow = true;
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
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_onRow)
        {
            if (_chunk is null)
            {
                if (await reader.IsDBNullAsync(dataColumn, cancellationToken))
                {
                    // A document without bytes: its only row carries no chunk.
                    _onRow = await reader.ReadAsync(cancellationToken);
                    continue;
                }

                _chunk = reader.GetStream(dataColumn);
            }

            var read = await _chunk.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return read;
            }

            await _chunk.DisposeAsync();
            _chunk = null;
            _onRow = await reader.ReadAsync(cancellationToken);
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_onRow)
        {
            if (_chunk is null)
            {
                if (reader.IsDBNull(dataColumn))
                {
                    _onRow = reader.Read();
                    continue;
                }

                _chunk = reader.GetStream(dataColumn);
            }

            var read = _chunk.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            _chunk.Dispose();
            _chunk = null;
            _onRow = reader.Read();
        }

        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (_chunk is not null)
            {
                await _chunk.DisposeAsync();
            }

            await reader.DisposeAsync();
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _chunk?.Dispose();
            reader.Dispose();
            command.Dispose();
            connection.Dispose();
        }

        base.Dispose(disposing);
    }
}
