using ZXing;
using ZXing.Common;

namespace ServiceHall.Documents.Tests;

/// <summary>Reads a QR code back with ZXing.Net, as an applicant's phone would.</summary>
public static class QrReading
{
    public static string? Decode(byte[] samples, int width, int height, int channels)
    {
        var format = channels switch
        {
            1 => RGBLuminanceSource.BitmapFormat.Gray8,
            3 => RGBLuminanceSource.BitmapFormat.RGB24,
            4 => RGBLuminanceSource.BitmapFormat.RGBA32,
            _ => throw new NotSupportedException($"{channels} colour components"),
        };
        var reader = new BarcodeReaderGeneric
        {
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        return reader.Decode(new RGBLuminanceSource(samples, width, height, format))?.Text;
    }

    public static string? Decode(PngPixels png) => Decode(png.Samples, png.Width, png.Height, png.Channels);
}
