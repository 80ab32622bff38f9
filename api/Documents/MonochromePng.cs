using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace ServiceHall.Api.Documents;

/// <summary>
/// Writes a black-and-white image as a 1-bit palette PNG: the smallest form of a QR code, and one PDFsharp embeds
/// (it refuses 1-bit greyscale).
/// </summary>
public static class MonochromePng
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    // Palette entry 0 black, 1 white.
    private static readonly byte[] Palette = [0, 0, 0, 255, 255, 255];

    public static byte[] Encode(int width, int height, Func<int, int, bool> isDark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Header(width, height));
        WriteChunk(png, "PLTE", Palette);
        WriteChunk(png, "IDAT", Pixels(width, height, isDark));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Header(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bits per pixel
        header[9] = 3; // colour type: palette
        return header; // compression, filter and interlace stay 0
    }

    private static byte[] Pixels(int width, int height, Func<int, int, bool> isDark)
    {
        var stride = (width + 7) / 8;
        var row = new byte[1 + stride]; // leading 0: filter type None
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                Array.Clear(row);
                for (var x = 0; x < width; x++)
                {
                    if (!isDark(x, y))
                    {
                        row[1 + (x / 8)] |= (byte)(0x80 >> (x % 8));
                    }
                }

                zlib.Write(row);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);

        var crc = new Crc32();
        var typeBytes = Encoding.ASCII.GetBytes(type);
        crc.Append(typeBytes);
        crc.Append(data);
        png.Write(typeBytes);
        png.Write(data);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(checksum, crc.GetCurrentHashAsUInt32());
        png.Write(checksum);
    }
}
