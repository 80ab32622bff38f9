namespace ServiceHall.Api.Documents;

/// <summary>
/// A document's content, decided once and then rendered as HTML or PDF, so both formats always carry the same data.
/// </summary>
public sealed record PrintedDocument
{
    /// <summary><c>receipt</c>, <c>rejection-notice</c>, <c>correction-notice</c>, <c>certificate</c> or <c>denial-decision</c>.</summary>
    public required string Kind { get; init; }

    public required string TitleZh { get; init; }

    public required string TitleEn { get; init; }

    public required string CaseNumber { get; init; }

    /// <summary>The labelled particulars under the title: case number, item, applicant, hall, dates.</summary>
    public required IReadOnlyList<PrintedField> Fields { get; init; }

    /// <summary>The kind-specific content, top to bottom.</summary>
    public required IReadOnlyList<PrintedBlock> Body { get; init; }

    /// <summary>The hall that issues the document, as it signs at the foot.</summary>
    public required string IssuerZh { get; init; }

    public required string IssuerEn { get; init; }

    /// <summary>The issue date in China time, as printed at the foot.</summary>
    public required string IssuedOn { get; init; }

    /// <summary>The public URL the QR code opens: the tracking page, or the certificate's verification page.</summary>
    public required string QrUrl { get; init; }

    public required string QrCaptionZh { get; init; }

    public required string QrCaptionEn { get; init; }

    public string FileName(string extension) => $"{CaseNumber}-{Kind}.{extension}";
}

/// <summary>A labelled value; <see cref="ValueEn"/> is the English rendering where the value itself is Chinese.</summary>
public sealed record PrintedField(string LabelZh, string LabelEn, string Value, string? ValueEn = null);

public abstract record PrintedBlock;

/// <summary>A section heading.</summary>
public sealed record PrintedHeading(string TextZh, string TextEn) : PrintedBlock;

/// <summary>Running text; <see cref="Strong"/> sets it in bold (a decision, a reason).</summary>
public sealed record PrintedParagraph(string Text, bool Strong = false) : PrintedBlock;

/// <summary>A table; each row has one cell per column.</summary>
public sealed record PrintedTable(IReadOnlyList<PrintedColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : PrintedBlock;

/// <summary>A table column; <see cref="Share"/> is its part of the table's width.</summary>
public sealed record PrintedColumn(string LabelZh, string LabelEn, double Share);
