using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ServiceHall.Api.Documents;

/// <summary>
/// A top-to-bottom writer over A4 pages: it keeps the vertical position, wraps text to the width it is given and
/// starts a new page when the next piece would not fit, so a long deficiency list never runs off the sheet.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    public const double Margin = 56; // about 20 mm

    private readonly PdfDocument _document;
    private XGraphics? _graphics;
    private PdfPage? _page;

    public PdfFlow(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    public XGraphics Graphics => _graphics!;

    public double Y { get; set; }

    public double Left => Margin;

    public double Width => _page!.Width.Point - (2 * Margin);

    public double Right => Left + Width;

    private double Bottom => _page!.Height.Point - Margin;

    public void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    public bool Fits(double height) => Y + height <= Bottom;

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Reserve(double height)
    {
        if (!Fits(height) && Y > Margin)
        {
            NewPage();
        }
    }

    public static double LineHeight(XFont font) => font.GetHeight() * 1.15;

    public List<string> Wrap(string text, XFont font, double width) =>
        TextWrapping.Wrap(text, width, s => Graphics.MeasureString(s, font).Width);

    /// <summary>Draws wrapped text at <see cref="Y"/> and moves below it.</summary>
    public void Text(string text, XFont font, XBrush brush, double x, double width, XStringFormat? alignment = null)
    {
        foreach (var line in Wrap(text, font, width))
        {
            Reserve(LineHeight(font));
            Lines([line], font, brush, x, Y, width, alignment);
            Y += LineHeight(font);
        }
    }

    /// <summary>Draws already wrapped lines from <paramref name="top"/> without moving; returns their height.</summary>
    public double Lines(IReadOnlyList<string> lines, XFont font, XBrush brush, double x, double top, double width, XStringFormat? alignment = null)
    {
        var height = LineHeight(font);
        for (var i = 0; i < lines.Count; i++)
        {
            Graphics.DrawString(lines[i], font, brush, new XRect(x, top + (i * height), width, height), alignment ?? XStringFormats.TopLeft);
        }

        return lines.Count * height;
    }

    public void Dispose() => _graphics?.Dispose();
}
