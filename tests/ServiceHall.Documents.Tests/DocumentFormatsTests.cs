using Microsoft.Net.Http.Headers;
using ServiceHall.Api.Documents;

namespace ServiceHall.Documents.Tests;

public sealed class DocumentFormatsTests
{
    [Theory]
    [InlineData(null, null, "html")]
    [InlineData(null, "application/pdf", "pdf")]
    [InlineData(null, "*/*", "html")]
    [InlineData(null, "text/html, application/pdf", "pdf")]
    [InlineData(null, "text/html, application/pdf;q=0.5", "html")]
    [InlineData(null, "application/pdf;q=0", "html")]
    [InlineData("pdf", "text/html", "pdf")]
    [InlineData(" PDF ", null, "pdf")]
    [InlineData("html", "application/pdf", "html")]
    [InlineData("docx", null, null)]
    [InlineData("", null, null)]
    public void QueryWinsThenAcceptThenHtml(string? format, string? accept, string? expected)
    {
        var parsed = accept is null ? [] : MediaTypeHeaderValue.ParseList([accept]);

        Assert.Equal(expected, DocumentFormats.Choose(format, parsed));
    }
}
