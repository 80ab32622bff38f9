using System.Net;
using System.Text.RegularExpressions;

namespace ServiceHall.Documents.Tests;

/// <summary>Each kind of document, as staff fetch it: the right data in the PDF and in the HTML, and a QR code that opens the right page.</summary>
[Collection(DocumentsCollection.Name)]
public sealed partial class DocumentContentTests(DocumentsSilo silo) : IAsyncLifetime
{
    private DocumentClient _clerk = null!;

    public async Task InitializeAsync() => _clerk = await silo.Client().SignInAsync("clerk");

    public Task DisposeAsync()
    {
        _clerk.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(ExpectedContent.Kinds), MemberType = typeof(ExpectedContent))]
    public async Task PdfCarriesTheCaseTheItemAndTheKindsOwnContent(string kind)
    {
        var walked = ExpectedContent.CaseFor(silo, kind);
        var pdf = await FetchAsync(walked, kind, "pdf");

        var text = PdfReading.Text(pdf.Body);
        foreach (var expected in ExpectedContent.For(walked, kind))
        {
            Assert.True(text.Contains(PdfReading.Squeeze(expected), StringComparison.Ordinal), $"{kind} PDF lacks '{expected}'");
        }
    }

    [Theory]
    [MemberData(nameof(ExpectedContent.Kinds), MemberType = typeof(ExpectedContent))]
    public async Task PdfQrCodeOpensTheTrackingOrVerificationPage(string kind)
    {
        var walked = ExpectedContent.CaseFor(silo, kind);
        var pdf = await FetchAsync(walked, kind, "pdf");

        Assert.Equal([ExpectedContent.QrUrlFor(walked, kind)], PdfReading.QrCodes(pdf.Body));
    }

    [Theory]
    [MemberData(nameof(ExpectedContent.Kinds), MemberType = typeof(ExpectedContent))]
    public async Task HtmlCarriesTheSameDataAndQrCode(string kind)
    {
        var walked = ExpectedContent.CaseFor(silo, kind);
        var html = await FetchAsync(walked, kind, "html");

        Assert.Equal("text/html", html.MediaType);
        var page = WebUtility.HtmlDecode(html.Text);
        foreach (var expected in ExpectedContent.For(walked, kind))
        {
            Assert.True(page.Contains(expected, StringComparison.Ordinal), $"{kind} HTML lacks '{expected}'");
        }

        var images = DataUriPng().Matches(html.Text).Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        var qr = Assert.Single(images);
        Assert.Equal(ExpectedContent.QrUrlFor(walked, kind), QrReading.Decode(PngPixels.Decode(qr)));
    }

    [Fact]
    public async Task HtmlIsAPrintableSelfContainedChinesePage()
    {
        var html = (await FetchAsync(silo.Approved, "receipt", "html")).Text;

        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Matches(@"@page\s*\{\s*size:\s*A4", html);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        // Nothing is fetched from elsewhere: no stylesheets, scripts, web fonts or remote images.
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(Regex.Matches(html, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value),
            src => Assert.StartsWith("data:", src, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PdfEmbedsNotoSansScAsTrueTypeOutlines()
    {
        var pdf = (await FetchAsync(silo.Approved, "correction-notice", "pdf")).Body;

        var fonts = PdfReading.EmbeddedFonts(pdf);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, font =>
        {
            Assert.Contains("Noto Sans SC", font.Name, StringComparison.Ordinal);
            Assert.Equal(["FontFile2"], font.FontFiles);
        });
        Assert.All(PdfReading.CidFontSubtypes(pdf), subtype => Assert.Equal("CIDFontType2", subtype));
        // Subsets, not the 10 MB faces: a one-page notice stays small enough to send by any channel.
        Assert.InRange(pdf.Length, 10_000, 400_000);
    }

    [Fact]
    public async Task AcceptHeaderChoosesTheFormatAndQueryOverridesIt()
    {
        var path = $"/api/cases/{silo.Approved.Id}/documents/receipt";

        var byDefault = await _clerk.GetAsync(path);
        Assert.Equal((HttpStatusCode.OK, "text/html"), (byDefault.Status, byDefault.MediaType));

        var pdf = await _clerk.GetAsync(path, "application/pdf");
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (pdf.Status, pdf.MediaType));
        Assert.StartsWith("%PDF-", pdf.Text, StringComparison.Ordinal);
        Assert.Equal("inline", pdf.Disposition?.DispositionType);
        Assert.Equal($"{silo.Approved.Number}-receipt.pdf", pdf.Disposition?.FileName?.Trim('"'));

        var browser = await _clerk.GetAsync(path, "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8");
        Assert.Equal("text/html", browser.MediaType);

        var overridden = await _clerk.GetAsync(path + "?format=pdf", "text/html");
        Assert.Equal("application/pdf", overridden.MediaType);
        var html = await _clerk.GetAsync(path + "?format=HTML", "application/pdf");
        Assert.Equal("text/html", html.MediaType);
    }

    [Fact]
    public async Task ConcurrentRequestsEachGetAWholeDocument()
    {
        // Rendering runs on request threads side by side over PDFsharp's process-wide font state; each answer must be whole.
        var kinds = Enumerable.Repeat(new[] { "receipt", "correction-notice", "certificate" }, 3).SelectMany(k => k).ToList();

        var fetched = await Task.WhenAll(kinds.Select(kind => FetchAsync(silo.Approved, kind, "pdf")));

        for (var i = 0; i < kinds.Count; i++)
        {
            Assert.Equal([ExpectedContent.QrUrlFor(silo.Approved, kinds[i])], PdfReading.QrCodes(fetched[i].Body));
        }
    }

    private async Task<Fetched> FetchAsync(WalkedCase walked, string kind, string format)
    {
        var fetched = await _clerk.GetAsync($"/api/cases/{walked.Id}/documents/{kind}?format={format}");
        Assert.True(fetched.Status == HttpStatusCode.OK, $"{kind} {format}: {fetched}");
        return fetched;
    }

    [GeneratedRegex("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex DataUriPng();
}
