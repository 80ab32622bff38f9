namespace ServiceHall.Api.Applications;

/// <summary>
/// The scan formats accepted, recognised by their first bytes: the file name and the browser's declared type are
/// the applicant's to choose, so an executable renamed <c>.pdf</c> must still be refused.
/// </summary>
public static class ScanTypes
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>Bytes needed to recognise every accepted format.</summary>
    public const int HeaderLength = 8;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type of a PDF, JPEG or PNG header, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> header) =>
        header.StartsWith(PdfMagic) ? Pdf
        : header.StartsWith(PngMagic) ? Png
        : header.StartsWith(JpegMagic) ? Jpeg
        : null;
}
