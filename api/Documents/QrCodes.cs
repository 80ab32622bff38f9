using QRCoder;

namespace ServiceHall.Api.Documents;

/// <summary>The QR code printed on every document, as PNG bytes for both the PDF and the HTML data URI.</summary>
public static class QrCodes
{
    private static readonly byte[] Black = [0, 0, 0, 255];
    private static readonly byte[] White = [255, 255, 255, 255];

    /// <summary>
    /// An RGBA PNG of <paramref name="url"/>. QRCoder's default PNG is 1-bit greyscale, which PDFsharp 6.2.4 refuses
    /// ("Unsupported image format"); explicit RGBA colours give a PNG it embeds.
    /// </summary>
    public static byte[] Png(string url)
    {
        using var generator = new QRCodeGenerator();
        // M: about 15 % of the code can be smudged or stamped over and it still reads.
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8, Black, White);
    }
}
