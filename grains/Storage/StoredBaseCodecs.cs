using System.Buffers;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Serializers;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Storage;

/// <summary>
/// Orleans' codecs for the two base classes of stored types (declared in <c>workflows</c>, which knows nothing of
/// Orleans). A record or class that crosses a grain call carries its own fields; the base adds nothing to the wire:
/// members a newer build stored matter only to storage, which round-trips them through JSON.
/// </summary>
[RegisterSerializer]
internal sealed class StoredRecordBaseCodec : IBaseCodec<StoredRecord>
{
    public void Serialize<TBufferWriter>(ref Writer<TBufferWriter> writer, StoredRecord value)
        where TBufferWriter : IBufferWriter<byte>
    {
    }

    public void Deserialize<TInput>(ref Reader<TInput> reader, StoredRecord value) => StoredBaseWire.SkipToEndOfBase(ref reader);
}

[RegisterSerializer]
internal sealed class StoredObjectBaseCodec : IBaseCodec<StoredObject>
{
    public void Serialize<TBufferWriter>(ref Writer<TBufferWriter> writer, StoredObject value)
        where TBufferWriter : IBufferWriter<byte>
    {
    }

    public void Deserialize<TInput>(ref Reader<TInput> reader, StoredObject value) => StoredBaseWire.SkipToEndOfBase(ref reader);
}

internal static class StoredBaseWire
{
    // Whatever a later build's base might write is skipped, up to the end-of-base marker the derived codec expects.
    public static void SkipToEndOfBase<TInput>(ref Reader<TInput> reader)
    {
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndBaseOrEndObject)
            {
                break;
            }

            reader.ConsumeUnknownField(header);
        }
    }
}
