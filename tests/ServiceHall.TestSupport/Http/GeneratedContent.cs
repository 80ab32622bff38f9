using System.Net;

namespace ServiceHall.TestSupport;

/// <summary>
/// A request body of <c>length</c> zero bytes produced as the client sends it (nothing held in memory), counting what
/// was actually sent: for tests of oversized uploads.
/// </summary>
public sealed class GeneratedContent(long length) : HttpContent
{
    public long Sent { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new byte[64 * 1024];
        while (Sent < length)
        {
            var count = (int)Math.Min(chunk.Length, length - Sent);
            await stream.WriteAsync(chunk.AsMemory(0, count));
            Sent += count;
        }
    }

    protected override bool TryComputeLength(out long size)
    {
        size = length;
        return true;
    }
}
