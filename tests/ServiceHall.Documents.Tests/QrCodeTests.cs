using ServiceHall.Api.Documents;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Documents.Tests;

/// <summary>The printed QR code must read back for every tracking code, not only for the ones the other tests draw.</summary>
public sealed class QrCodeTests
{
    private const string TrackBase = "https://zwfw.gz.example/hall/track?code=";

    [Fact]
    public void EveryTrackingUrlReadsBackAsWritten()
    {
        // One code in forty used to come out unreadable (one in three hundred with ZXing's own mask choice), so a few
        // hundred fresh codes would all but surely meet one.
        var unreadable = Enumerable.Range(0, 300)
            .Select(_ => TrackBase + CaseIds.NewTrackingCode())
            .Where(url => QrReading.Decode(PngPixels.Decode(QrCodes.Png(url))) != url)
            .ToList();

        Assert.Empty(unreadable);
    }

    [Theory]
    [InlineData(TrackBase + "4PN92K98MM7KPBCJ")] // unreadable when QRCoder chose its mask
    [InlineData(TrackBase + "K427STKJVGMM2Q7X")]
    [InlineData("https://政务服务.example/hall/verify/GZ-20261127-000123")]
    public void AUrlReadsBackAsWritten(string url)
    {
        Assert.Equal(url, QrReading.Decode(PngPixels.Decode(QrCodes.Png(url))));
    }

    [Fact]
    public void TheImageIsABlackAndWhitePaletteWithAQuietZone()
    {
        var png = PngPixels.Decode(QrCodes.Png(TrackBase + "23456789ABCDEFGH"));

        Assert.Equal(png.Width, png.Height);
        Assert.Equal(0, png.Width % 8);
        // Four white modules of eight pixels around the symbol, then the finder pattern's dark corner.
        Assert.All(Enumerable.Range(0, 32), i => Assert.Equal(255, png.Luminance(i, i)));
        Assert.Equal(0, png.Luminance(32, 32));
    }
}
