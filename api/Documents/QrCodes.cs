using ZXing;
using ZXing.Common;
using ZXing.QrCode.Internal;

namespace ServiceHall.Api.Documents;

/// <summary>The QR code printed on every document, as PNG bytes for both the PDF and the HTML data URI.</summary>
/// <remarks>
/// A valid symbol is not always a findable one: a mask can leave finder-like runs in the data area that send a
/// detector after the wrong corners. QRCoder 1.8.1's mask choice did that for about one tracking URL in forty, and
/// ZXing's own choice for about one in three hundred, whatever the print size. So the code is read back with ZXing's
/// detector (the one most Android scanners use) before it is printed, and the next mask is tried if it does not read.
/// </remarks>
public static class QrCodes
{
    private const int PixelsPerModule = 8;

    // The quiet zone the standard asks for around the symbol.
    private const int QuietModules = 4;

    private const int MaskCount = 8;

    public static byte[] Png(string url)
    {
        var symbol = ReadableSymbol(url);
        var size = symbol.Width + (2 * QuietModules);
        return MonochromePng.Encode(size * PixelsPerModule, size * PixelsPerModule, (x, y) => IsDark(symbol, x, y));
    }

    private static ByteMatrix ReadableSymbol(string url)
    {
        // M: about 15 % of the code can be smudged or stamped over and it still reads.
        var preferred = Encoder.encode(url, ErrorCorrectionLevel.M, Hints(url, mask: null));
        if (ReadsBack(preferred.Matrix, url))
        {
            return preferred.Matrix;
        }

        for (var mask = 0; mask < MaskCount; mask++)
        {
            if (mask == preferred.MaskPattern)
            {
                continue;
            }

            var other = Encoder.encode(url, ErrorCorrectionLevel.M, Hints(url, mask)).Matrix;
            if (ReadsBack(other, url))
            {
                return other;
            }
        }

        // No mask read back; the preferred symbol is still valid and a forgiving scanner may read it.
        return preferred.Matrix;
    }

    private static bool ReadsBack(ByteMatrix symbol, string url)
    {
        var size = (symbol.Width + (2 * QuietModules)) * PixelsPerModule;
        var luminance = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                luminance[(y * size) + x] = IsDark(symbol, x, y) ? (byte)0 : (byte)255;
            }
        }

        var reader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        var source = new RGBLuminanceSource(luminance, size, size, RGBLuminanceSource.BitmapFormat.Gray8);
        return reader.Decode(source)?.Text == url;
    }

    private static bool IsDark(ByteMatrix symbol, int x, int y)
    {
        var column = (x / PixelsPerModule) - QuietModules;
        var row = (y / PixelsPerModule) - QuietModules;
        return column >= 0 && row >= 0 && column < symbol.Width && row < symbol.Height && symbol[column, row] == 1;
    }

    // ISO-8859-1 byte mode (ZXing's default) covers an ASCII URL without an ECI header, which some older scanners
    // misread; only a URL outside ASCII needs UTF-8 declared.
    private static Dictionary<EncodeHintType, object>? Hints(string url, int? mask)
    {
        var hints = new Dictionary<EncodeHintType, object>();
        if (!url.All(char.IsAscii))
        {
            hints[EncodeHintType.CHARACTER_SET] = "UTF-8";
        }

        if (mask is { } chosen)
        {
            hints[EncodeHintType.QR_MASK_PATTERN] = chosen;
        }

        return hints.Count == 0 ? null : hints;
    }
}
