using System.Net;
using System.Text;

namespace ServiceHall.Api.Documents;

/// <summary>
/// The printable HTML version: one self-contained page (inline CSS, the QR code as a data URI, no fonts or scripts
/// fetched from anywhere, since a hall's counter PCs often reach no internet), laid out for A4.
/// </summary>
public static class HtmlDocumentRenderer
{
    // System fonts only: the page must print offline; Noto Sans SC is listed first for machines that have it.
    private const string Style = """
        @page { size: A4; margin: 18mm 16mm; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #eef0f3; color: #1a1a1a;
               font-family: "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif;
               font-size: 11pt; line-height: 1.6; }
        .sheet { width: 210mm; min-height: 297mm; margin: 12px auto; padding: 18mm 16mm; background: #fff;
                 box-shadow: 0 1px 4px rgba(0,0,0,.2); }
        header { text-align: center; border-bottom: 2px solid #b00; padding-bottom: 6pt; margin-bottom: 12pt; }
        h1 { font-size: 20pt; margin: 0; letter-spacing: 2pt; }
        .en { color: #666; font-size: 9pt; }
        h1 + .en { font-size: 10pt; }
        .number { margin-top: 4pt; font-size: 10pt; }
        dl.fields { display: grid; grid-template-columns: 34mm 1fr; gap: 2pt 8pt; margin: 0 0 12pt; }
        dl.fields dt { color: #444; }
        dl.fields dd { margin: 0; }
        h2 { font-size: 12pt; margin: 14pt 0 4pt; border-left: 3pt solid #b00; padding-left: 6pt; }
        p { margin: 4pt 0; }
        p.strong { font-weight: bold; }
        table { width: 100%; border-collapse: collapse; margin: 4pt 0; }
        th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; font-weight: bold; }
        footer { display: flex; justify-content: space-between; align-items: flex-end; margin-top: 24pt; }
        .qr { display: flex; align-items: center; gap: 8pt; font-size: 9pt; }
        .qr img { width: 30mm; height: 30mm; image-rendering: pixelated; }
        .qr a { color: inherit; word-break: break-all; }
        .issuer { text-align: right; }
        .seal { color: #b00; }
        .toolbar { text-align: center; margin: 12px; }
        @media print {
          body { background: #fff; }
          .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
          .toolbar { display: none; }
          table, tr, footer { break-inside: avoid; }
        }
        """;

    public static string Render(PrintedDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(document.TitleZh)).Append(' ').Append(E(document.CaseNumber)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<div class=\"toolbar\"><button type=\"button\" onclick=\"window.print()\">打印 Print</button></div>\n")
            .Append("<main class=\"sheet\" data-kind=\"").Append(E(document.Kind)).Append("\">\n<header>\n")
            .Append("<h1>").Append(E(document.TitleZh)).Append("</h1>\n")
            .Append("<div class=\"en\">").Append(E(document.TitleEn)).Append("</div>\n")
            .Append("<div class=\"number\">").Append(E(document.CaseNumber)).Append("</div>\n</header>\n");

        html.Append("<dl class=\"fields\">\n");
        foreach (var field in document.Fields)
        {
            html.Append("<dt>").Append(E(field.LabelZh)).Append(" <span class=\"en\">").Append(E(field.LabelEn)).Append("</span></dt>")
                .Append("<dd>").Append(E(field.Value));
            if (field.ValueEn is not null)
            {
                html.Append(" <span class=\"en\">").Append(E(field.ValueEn)).Append("</span>");
            }

            html.Append("</dd>\n");
        }

        html.Append("</dl>\n");
        foreach (var block in document.Body)
        {
            AppendBlock(html, block);
        }

        var qr = Convert.ToBase64String(QrCodes.Png(document.QrUrl));
        html.Append("<footer>\n<div class=\"qr\"><img alt=\"").Append(E(document.QrUrl)).Append("\" src=\"data:image/png;base64,").Append(qr).Append("\">")
            .Append("<div>").Append(E(document.QrCaptionZh)).Append("<br><span class=\"en\">").Append(E(document.QrCaptionEn)).Append("</span><br>")
            .Append("<a href=\"").Append(E(document.QrUrl)).Append("\">").Append(E(document.QrUrl)).Append("</a></div></div>\n")
            .Append("<div class=\"issuer\">").Append(E(document.IssuerZh)).Append("<span class=\"seal\">（盖章）</span><br>")
            .Append("<span class=\"en\">").Append(E(document.IssuerEn)).Append("</span><br>")
            .Append(E(document.IssuedOn)).Append("</div>\n</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendBlock(StringBuilder html, PrintedBlock block)
    {
        switch (block)
        {
            case PrintedHeading heading:
                html.Append("<h2>").Append(E(heading.TextZh)).Append(" <span class=\"en\">").Append(E(heading.TextEn)).Append("</span></h2>\n");
                break;
            case PrintedParagraph paragraph:
                html.Append(paragraph.Strong ? "<p class=\"strong\">" : "<p>").Append(E(paragraph.Text)).Append("</p>\n");
                break;
            case PrintedTable table:
                html.Append("<table>\n<thead><tr>");
                foreach (var column in table.Columns)
                {
                    html.Append("<th style=\"width:").Append((column.Share * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)).Append("%\">")
                        .Append(E(column.LabelZh)).Append(" <span class=\"en\">").Append(E(column.LabelEn)).Append("</span></th>");
                }

                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in table.Rows)
                {
                    html.Append("<tr>");
                    foreach (var cell in row)
                    {
                        html.Append("<td>").Append(E(cell)).Append("</td>");
                    }

                    html.Append("</tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
                break;
        }
    }

    // WebUtility leaves Chinese as it is (the page is UTF-8) and escapes the five markup characters.
    private static string E(string text) => WebUtility.HtmlEncode(text);
}
