using System.Net;
using ServiceHall.TestSupport;

namespace ServiceHall.Documents.Tests;

/// <summary>
/// The check text extraction cannot make: the Chinese glyphs really draw. A PDF with a broken CFF font embed still
/// yields its text to PdfPig but renders blank, so page 1 is rasterised with poppler's pdftoppm and the title band,
/// which holds only Chinese, must have ink in it.
/// </summary>
[Collection(DocumentsCollection.Name)]
public sealed class RenderedPageTests(DocumentsSilo silo)
{
    private const string Pdftoppm = "/usr/bin/pdftoppm";

    [SkippableTheory]
    [InlineData("receipt")]
    [InlineData("certificate")]
    public async Task ChineseTitleRendersAsInk(string kind)
    {
        Prerequisites.Require(File.Exists(Pdftoppm), "pdftoppm (Debian poppler-utils)");
        using var clerk = await silo.Client().SignInAsync("clerk");
        var pdf = await clerk.GetAsync($"/api/cases/{silo.Approved.Id}/documents/{kind}?format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.Status);

        using var folder = new TemporaryFolder("servicehall-render");
        var input = Path.Combine(folder.Path, "document.pdf");
        await File.WriteAllBytesAsync(input, pdf.Body);
        // 72 dpi: one pixel per point, so page coordinates read straight off the PDF layout.
        await ProcessRunner.RunAsync(Pdftoppm, ["-r", "72", "-f", "1", "-l", "1", "-png", "-singlefile", input, Path.Combine(folder.Path, "page")], TimeSpan.FromMinutes(1));
        var page = PngPixels.Decode(await File.ReadAllBytesAsync(Path.Combine(folder.Path, "page.png")));

        Assert.Equal((595, 842), (page.Width, page.Height));
        // The 20 pt bold title sits centred just below the 56 pt top margin.
        var ink = 0;
        for (var y = 56; y < 84; y++)
        {
            for (var x = 150; x < 445; x++)
            {
                ink += page.Luminance(x, y) < 128 ? 1 : 0;
            }
        }

        Assert.True(ink > 300, $"only {ink} dark pixels where the title 「{kind}」 should be drawn");
    }
}
