using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Api.Documents;

/// <summary>The five unified forms (统一文书) a case can print, by the kind names of the document endpoint.</summary>
public static class DocumentForms
{
    public sealed record Form(string Kind, string TitleZh, string TitleEn);

    public static readonly IReadOnlyList<Form> All =
    [
        new(DocumentKinds.Receipt, "受理回执", "Acceptance Receipt"),
        new(DocumentKinds.RejectionNotice, "不予受理决定通知书", "Notice of Decision Not to Accept the Application"),
        new(DocumentKinds.CorrectionNotice, "材料补正通知书", "Notice to Supplement or Correct Materials"),
        new(DocumentKinds.Certificate, "准予行政许可决定书", "Decision to Grant the Administrative Licence"),
        new(DocumentKinds.DenialDecision, "不予行政许可决定书", "Decision Not to Grant the Administrative Licence"),
    ];

    public static Form? Find(string kind) => All.FirstOrDefault(f => f.Kind == kind);

    public static string KindList => string.Join(", ", All.Select(f => f.Kind));
}
