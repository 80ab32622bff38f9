using Microsoft.Net.Http.Headers;

namespace ServiceHall.Api.Documents;

/// <summary>PDF or printable HTML: <c>?format=</c> wins; otherwise the <c>Accept</c> header decides, HTML by default.</summary>
public static class DocumentFormats
{
    public const string Pdf = "pdf";
    public const string Html = "html";

    /// <summary>The format to send, or null when <paramref name="format"/> names neither.</summary>
    public static string? Choose(string? format, IList<MediaTypeHeaderValue> accept)
    {
        if (format is not null)
        {
            return format.Trim().ToLowerInvariant() switch
            {
                Pdf => Pdf,
                Html => Html,
                _ => null,
            };
        }

        // A PDF only when the client asks for it at least as strongly as for HTML, so a browser (text/html first) gets
        // the page and `curl -H 'Accept: application/pdf'` gets the file.
        var pdf = Quality(accept, "application/pdf");
        return pdf > 0 && pdf >= Quality(accept, "text/html") ? Pdf : Html;
    }

    private static double Quality(IList<MediaTypeHeaderValue> accept, string mediaType) =>
        accept.Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();
}
