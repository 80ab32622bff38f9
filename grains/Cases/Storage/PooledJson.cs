using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// One stored JSON document (a case head or a list entry) as UTF-8 in an array rented from a pool, from its
/// serialization in the grain until the save that writes it is over. The head and the entries were, after the first
/// cuts, still the largest bytes a command allocated (≈7 KB of ≈72 KB, issue 20); a rented array is reused by the next
/// save instead. Whoever awaited the save hands the arrays back (<see cref="CaseWrite.Release"/>); a write nobody
/// releases (backfill, tests) simply leaves its arrays to the collector. The bytes are those
/// <see cref="JsonSerializer.SerializeToUtf8Bytes{TValue}(TValue, JsonSerializerOptions?)"/> gives: the same
/// serializer, written with the writer settings the options imply.
/// </summary>
internal sealed class PooledJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static JsonSerializerOptions? t_writerOptionsOf;

    /// <summary>
    /// A pool of its own: saves in flight (a group commit holds dozens) each keep a head and a few entries, more than the
    /// shared pool keeps per size, which then allocated anew for a third of the documents.
    /// </summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 1024 * 1024, maxArraysPerBucket: 512);

    private readonly bool _rented;
    private byte[]? _buffer;

    private PooledJson(byte[] buffer, int length, bool rented) => (_buffer, Length, _rented) = (buffer, length, rented);

    /// <summary>JSON made elsewhere (tests, hand-made rows): kept as it is, never handed to the pool.</summary>
    public static implicit operator PooledJson(byte[] utf8) => new(utf8, utf8.Length, rented: false);

    public static implicit operator ReadOnlySpan<byte>(PooledJson json) => json.Span;

    public static PooledJson FromText(string json) => Encoding.UTF8.GetBytes(json);

    public int Length { get; }

    /// <summary>The document's bytes; only while the write that holds it is not released.</summary>
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledJson), "The write holding this JSON was released.");

    public static PooledJson Serialize<T>(T value, JsonSerializerOptions options)
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(16 * 1024);
        scratch.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null || !ReferenceEquals(t_writerOptionsOf, options))
        {
            writer = t_writer = new Utf8JsonWriter(scratch, WriterOptions(options));
            t_writerOptionsOf = options;
        }
        else
        {
            writer.Reset(scratch);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, options);
            writer.Flush();
        }
        catch
        {
            // A writer left half way is not reused.
            t_writer = null;
            throw;
        }

        var buffer = Pool.Rent(scratch.WrittenCount);
        scratch.WrittenSpan.CopyTo(buffer);
        if (scratch.Capacity > 256 * 1024)
        {
            // One unusually large case does not keep a large scratch buffer on the thread.
            t_scratch = null;
            t_writer = null;
        }

        return new PooledJson(buffer, scratch.WrittenCount, rented: true);
    }

    /// <summary>The document as text, for a store that keeps strings.</summary>
    public string ToText() => Encoding.UTF8.GetString(Span);

    /// <summary>Hands the array back to the pool; the document is unreadable from then on. Safe to call twice.</summary>
    public void Return()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer && _rented)
        {
            Pool.Return(buffer);
        }
    }

    /// <summary>The writer settings <see cref="JsonSerializer.SerializeToUtf8Bytes{TValue}(TValue, JsonSerializerOptions?)"/> derives from the options.</summary>
    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth,
        SkipValidation = true,
    };
}
