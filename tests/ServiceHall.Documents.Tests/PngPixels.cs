using System.Buffers.Binary;
using System.IO.Compression;

namespace ServiceHall.Documents.Tests;

/// <summary>
/// Just enough PNG reading for the tests, so ZXing.Net can read QR codes and a rendered page can be inspected without
/// a native image library: grey, RGB, RGBA and palette images, not interlaced. the QR codes are 1-bit palette PNGs,
/// PdfPig and pdftoppm write 8-bit RGB. Pixels come out as 8-bit grey, RGB or RGBA samples.
/// </summary>
public sealed record PngPixels(int Width, int Height, int Channels, byte[] Samples)
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>The grey value (0 black … 255 white) of a pixel, ignoring alpha.</summary>
    public byte Luminance(int x, int y)
    {
        var at = ((y * Width) + x) * Channels;
        return Channels < 3 ? Samples[at] : (byte)(((Samples[at] * 299) + (Samples[at + 1] * 587) + (Samples[at + 2] * 114)) / 1000);
    }

    public static PngPixels Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG");
        int width = 0, height = 0, bitDepth = 0, colourType = 0;
        byte[] palette = [];
        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    (bitDepth, colourType) = (data[8], data[9]);
                    Assert.True(data[12] == 0, "interlaced PNGs are not read here");
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }

            at += 12 + length;
        }

        var channels = colourType switch
        {
            0 or 3 => 1,
            2 => 3,
            6 => 4,
            _ => throw new NotSupportedException($"PNG colour type {colourType}"),
        };
        Assert.True(bitDepth == 8 || channels == 1, $"bit depth {bitDepth} with {channels} channels is not read here");

        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var stride = ((width * channels * bitDepth) + 7) / 8;
        var rows = Unfilter(raw.ToArray(), stride, height, Math.Max(1, channels * bitDepth / 8));
        var samples = Unpack(rows, stride, width, height, channels, bitDepth);
        if (colourType == 3)
        {
            samples = samples.SelectMany(index => palette.AsSpan(index * 3, 3).ToArray()).ToArray();
            channels = 3;
        }
        else if (colourType == 0 && bitDepth < 8)
        {
            samples = samples.Select(v => (byte)(v * 255 / ((1 << bitDepth) - 1))).ToArray();
        }

        return new PngPixels(width, height, channels, samples);
    }

    // Each row starts with a filter byte; undoing it needs the byte one pixel to the left (a), above (b) and above-left (c).
    private static byte[] Unfilter(byte[] raw, int stride, int height, int pixelBytes)
    {
        var rows = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                var x = raw[(y * (stride + 1)) + 1 + i];
                int a = i >= pixelBytes ? rows[(y * stride) + i - pixelBytes] : 0;
                int b = y > 0 ? rows[((y - 1) * stride) + i] : 0;
                int c = y > 0 && i >= pixelBytes ? rows[((y - 1) * stride) + i - pixelBytes] : 0;
                rows[(y * stride) + i] = (byte)(x + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }
        }

        return rows;
    }

    /// <summary>One byte per sample: 8-bit rows as they are, 1/2/4-bit rows spread out, most significant bits first.</summary>
    private static byte[] Unpack(byte[] rows, int stride, int width, int height, int channels, int bitDepth)
    {
        if (bitDepth == 8)
        {
            return rows;
        }

        var samples = new byte[width * height * channels];
        var mask = (1 << bitDepth) - 1;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var bit = x * bitDepth;
                samples[(y * width) + x] = (byte)((rows[(y * stride) + (bit / 8)] >> (8 - bitDepth - (bit % 8))) & mask);
            }
        }

        return samples;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
