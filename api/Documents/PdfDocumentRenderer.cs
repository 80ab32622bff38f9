using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ServiceHall.Api.Documents;

/// <summary>
/// The PDF version (PDFsharp 6.2.4, no browser): A4, Noto Sans SC embedded as a TrueType subset, the same content as
/// the HTML page.
/// </summary>
public static class PdfDocumentRenderer
{
    private static readonly XColor Red = XColor.FromArgb(0xBB, 0x00, 0x00);
    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x1A, 0x1A, 0x1A));
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x66, 0x66, 0x66));
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(0xF2, 0xF2, 0xF2));
    private static readonly XPen Rule = new(XColor.FromArgb(0x99, 0x99, 0x99), 0.6);
    private static readonly XPen RedRule = new(Red, 1.5);

    private const double CellPadding = 4;
    private const double QrSize = 86;

    public static byte[] Render(PrintedDocument content)
    {
        NotoSansFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"{content.TitleZh} {content.CaseNumber}";
        document.Info.Author = content.IssuerZh;
        document.Info.Creator = "ServiceHall";

        var fonts = new Fonts();
        using (var flow = new PdfFlow(document))
        {
            Header(flow, fonts, content);
            Fields(flow, fonts, content.Fields);
            foreach (var block in content.Body)
            {
                Block(flow, fonts, block);
            }

            Footer(flow, fonts, content);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Header(PdfFlow flow, Fonts fonts, PrintedDocument content)
    {
        flow.Text(content.TitleZh, fonts.Title, Ink, flow.Left, flow.Width, XStringFormats.TopCenter);
        flow.Y += 2;
        flow.Text(content.TitleEn, fonts.Small, Muted, flow.Left, flow.Width, XStringFormats.TopCenter);
        flow.Text(content.CaseNumber, fonts.Body, Ink, flow.Left, flow.Width, XStringFormats.TopCenter);
        flow.Y += 4;
        flow.Graphics.DrawLine(RedRule, flow.Left, flow.Y, flow.Right, flow.Y);
        flow.Y += 12;
    }

    // Three fields a row, label above value: the particulars take a quarter of the page, so that a receipt listing
    // every material of the longest item still ends, QR code and seal included, on its one A4 page.
    private static void Fields(PdfFlow flow, Fonts fonts, IReadOnlyList<PrintedField> fields)
    {
        const double gap = 14;
        const int columns = 3;
        var width = (flow.Width - ((columns - 1) * gap)) / columns;
        for (var i = 0; i < fields.Count; i += columns)
        {
            var row = fields.Skip(i).Take(columns).Select(field => FieldStack(flow, fonts, field, width)).ToList();
            var height = row.Max(Height);
            flow.Reserve(height);
            for (var column = 0; column < row.Count; column++)
            {
                Stack(flow, row[column], flow.Left + (column * (width + gap)), width);
            }

            flow.Y += height + 5;
        }

        flow.Y += 4;
    }

    private static List<TextPart> FieldStack(PdfFlow flow, Fonts fonts, PrintedField field, double width)
    {
        var stack = new List<TextPart>
        {
            new(flow.Wrap($"{field.LabelZh}  {field.LabelEn}", fonts.Tiny, width), fonts.Tiny, Muted),
            new(flow.Wrap(field.Value, fonts.Body, width), fonts.Body, Ink),
        };
        if (field.ValueEn is not null)
        {
            stack.Add(new(flow.Wrap(field.ValueEn, fonts.Tiny, width), fonts.Tiny, Muted));
        }

        return stack;
    }

    private static void Block(PdfFlow flow, Fonts fonts, PrintedBlock block)
    {
        switch (block)
        {
            case PrintedHeading heading:
                flow.Y += 8;
                flow.Reserve(PdfFlow.LineHeight(fonts.Heading) * 3);
                var top = flow.Y;
                flow.Text($"{heading.TextZh}  ", fonts.Heading, Ink, flow.Left + 8, flow.Width - 8);
                flow.Graphics.DrawLine(new XPen(Red, 3), flow.Left + 1.5, top + 2, flow.Left + 1.5, flow.Y - 2);
                var zhWidth = flow.Graphics.MeasureString(heading.TextZh + "  ", fonts.Heading).Width;
                flow.Graphics.DrawString(heading.TextEn, fonts.Small, Muted,
                    new XRect(flow.Left + 8 + zhWidth, top + 3, flow.Width, PdfFlow.LineHeight(fonts.Heading)), XStringFormats.TopLeft);
                flow.Y += 2;
                break;
            case PrintedParagraph paragraph:
                flow.Text(paragraph.Text, paragraph.Strong ? fonts.Strong : fonts.Body, Ink, flow.Left, flow.Width);
                flow.Y += 3;
                break;
            case PrintedTable table:
                Table(flow, fonts, table);
                break;
        }
    }

    private static void Table(PdfFlow flow, Fonts fonts, PrintedTable table)
    {
        var widths = table.Columns.Select(c => c.Share / table.Columns.Sum(x => x.Share) * flow.Width).ToArray();
        var header = table.Columns.Select((c, i) => (IReadOnlyList<TextPart>)
        [
            new TextPart(flow.Wrap(c.LabelZh, fonts.Strong, widths[i] - (2 * CellPadding)), fonts.Strong, Ink),
            new TextPart(flow.Wrap(c.LabelEn, fonts.Tiny, widths[i] - (2 * CellPadding)), fonts.Tiny, Muted),
        ]).ToList();
        var rows = table.Rows.Select(row => (IReadOnlyList<IReadOnlyList<TextPart>>)row
            .Select((text, i) => (IReadOnlyList<TextPart>)
                [new TextPart(flow.Wrap(text, fonts.Body, widths[i] - (2 * CellPadding)), fonts.Body, Ink)]).ToList()).ToList();

        // Headings never stand alone at the foot of a page, and a row carried to the next page gets them again.
        flow.Reserve(RowHeight(header) + (rows.Count > 0 ? RowHeight(rows[0]) : 0));
        Row(flow, header, widths, HeaderFill);
        foreach (var cells in rows)
        {
            if (!flow.Fits(RowHeight(cells)))
            {
                flow.NewPage();
                Row(flow, header, widths, HeaderFill);
            }

            Row(flow, cells, widths, null);
        }

        flow.Y += 6;
    }

    private static void Row(PdfFlow flow, IReadOnlyList<IReadOnlyList<TextPart>> cells, double[] widths, XBrush? fill)
    {
        var height = RowHeight(cells);
        var x = flow.Left;
        for (var i = 0; i < cells.Count; i++)
        {
            var box = new XRect(x, flow.Y, widths[i], height);
            if (fill is not null)
            {
                flow.Graphics.DrawRectangle(fill, box);
            }

            flow.Graphics.DrawRectangle(Rule, box);
            var y = flow.Y + CellPadding;
            foreach (var (lines, font, brush) in cells[i])
            {
                y += flow.Lines(lines, font, brush, x + CellPadding, y, widths[i] - (2 * CellPadding));
            }

            x += widths[i];
        }

        flow.Y += height;
    }

    private static double RowHeight(IReadOnlyList<IReadOnlyList<TextPart>> cells) =>
        cells.Max(Height) + (2 * CellPadding);

    private static void Footer(PdfFlow flow, Fonts fonts, PrintedDocument content)
    {
        flow.Y += 12;
        flow.Reserve(QrSize + 8);
        var top = flow.Y;

        using (var image = XImage.FromStream(new MemoryStream(QrCodes.Png(content.QrUrl))))
        {
            // Modules must stay sharp squares for a scanner; smoothing blurs their edges in some viewers.
            image.Interpolate = false;
            flow.Graphics.DrawImage(image, flow.Left, top, QrSize, QrSize);
        }

        var captionX = flow.Left + QrSize + 8;
        var captionWidth = flow.Width * 0.5 - QrSize;
        var y = top + 8;
        y += flow.Lines(flow.Wrap(content.QrCaptionZh, fonts.Small, captionWidth), fonts.Small, Ink, captionX, y, captionWidth);
        y += flow.Lines(flow.Wrap(content.QrCaptionEn, fonts.Tiny, captionWidth), fonts.Tiny, Muted, captionX, y, captionWidth);
        flow.Lines(flow.Wrap(content.QrUrl, fonts.Tiny, captionWidth), fonts.Tiny, Muted, captionX, y + 2, captionWidth);

        var issuerWidth = flow.Width * 0.45;
        var issuerX = flow.Right - issuerWidth;
        y = top + 16;
        y += flow.Lines(flow.Wrap(content.IssuerZh + "（盖章）", fonts.Body, issuerWidth), fonts.Body, Ink, issuerX, y, issuerWidth, XStringFormats.TopRight);
        y += flow.Lines(flow.Wrap(content.IssuerEn, fonts.Tiny, issuerWidth), fonts.Tiny, Muted, issuerX, y, issuerWidth, XStringFormats.TopRight);
        flow.Lines([content.IssuedOn], fonts.Body, Ink, issuerX, y + 4, issuerWidth, XStringFormats.TopRight);
        flow.Y = top + QrSize;
    }

    private static double Height(IEnumerable<TextPart> stack) =>
        stack.Sum(part => part.Lines.Count * PdfFlow.LineHeight(part.Font));

    private static void Stack(PdfFlow flow, IEnumerable<TextPart> stack, double x, double width)
    {
        var y = flow.Y;
        foreach (var (lines, font, brush) in stack)
        {
            y += flow.Lines(lines, font, brush, x, y, width);
        }
    }

    /// <summary>Wrapped lines in one face and colour: a piece of a table cell or of a label.</summary>
    private readonly record struct TextPart(IReadOnlyList<string> Lines, XFont Font, XBrush Brush);

    /// <summary>The faces in use. Unicode encoding, because the default WinAnsi cannot encode Chinese.</summary>
    private sealed class Fonts
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        public XFont Title { get; } = new(NotoSansFontResolver.Family, 20, XFontStyleEx.Bold, Unicode);
        public XFont Heading { get; } = new(NotoSansFontResolver.Family, 12, XFontStyleEx.Bold, Unicode);
        public XFont Body { get; } = new(NotoSansFontResolver.Family, 10.5, XFontStyleEx.Regular, Unicode);
        public XFont Strong { get; } = new(NotoSansFontResolver.Family, 10.5, XFontStyleEx.Bold, Unicode);
        public XFont Small { get; } = new(NotoSansFontResolver.Family, 9, XFontStyleEx.Regular, Unicode);
        public XFont Tiny { get; } = new(NotoSansFontResolver.Family, 7.5, XFontStyleEx.Regular, Unicode);
    }
}
