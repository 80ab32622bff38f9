using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace ServiceHall.Documents.Tests;

/// <summary>What PdfPig reads back from a document: its text, its embedded fonts and its QR code.</summary>
public static class PdfReading
{
    /// <summary>All pages' text, whitespace removed, so a phrase wrapped over two lines is still found.</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// Every font descriptor with the kind of font file it embeds. PdfPig extracts text even from a broken CFF embed
    /// that no viewer renders, so a text check alone cannot tell a good PDF from a bad one; the font file kind can:
    /// FontFile2 is TrueType (glyf), FontFile3 is CFF.
    /// </summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> FontFiles)> EmbeddedFonts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var fonts = new List<(string, IReadOnlyList<string>)>();
        foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            if (document.Structure.GetObject(reference).Data is DictionaryToken dictionary && Name(dictionary, "Type") == "FontDescriptor")
            {
                fonts.Add((Name(dictionary, "FontName") ?? "?", dictionary.Data.Keys.Where(k => k.StartsWith("FontFile", StringComparison.Ordinal)).ToList()));
            }
        }

        return fonts;
    }

    /// <summary>The subtypes of the descendant (CID) fonts: CIDFontType2 is TrueType outlines, CIDFontType0 is CFF.</summary>
    public static IReadOnlyList<string> CidFontSubtypes(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.Structure.CrossReferenceTable.ObjectOffsets.Keys
            .Select(reference => document.Structure.GetObject(reference).Data)
            .OfType<DictionaryToken>()
            .Where(d => Name(d, "Type") == "Font")
            .Select(d => Name(d, "Subtype") ?? "")
            .Where(subtype => subtype.StartsWith("CIDFontType", StringComparison.Ordinal))
            .ToList();
    }

    private static string? Name(DictionaryToken dictionary, string key) =>
        dictionary.Data.TryGetValue(key, out var token) && token is NameToken name ? name.Data : null;

    /// <summary>Decodes every image on every page with ZXing.Net and returns the QR texts found.</summary>
    public static IReadOnlyList<string> QrCodes(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var found = new List<string>();
        foreach (var image in document.GetPages().SelectMany(p => p.GetImages()))
        {
            // PdfPig turns the embedded image (a 1-bit indexed one, as PDFsharp stores the QR code's PNG) into a plain PNG.
            if (image.TryGetPng(out var png) && QrReading.Decode(PngPixels.Decode(png)) is { } text)
            {
                found.Add(text);
            }
        }

        return found;
    }
}
