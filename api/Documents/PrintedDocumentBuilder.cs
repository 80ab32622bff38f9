using System.Globalization;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Api.Documents;

/// <summary>
/// Decides what a document says, from the case and what the issuing step recorded. The wording follows the unified
/// forms of a government service hall; the applicant's copy is built from the masked case the grain hands out.
/// </summary>
public static class PrintedDocumentBuilder
{
    private const string None = "—";

    /// <param name="names">Departments and staff by name, so a document never shows their codes or user names.</param>
    public static PrintedDocument Build(CaseDocument document, Hall? hall, string publicBaseUrl, DocumentNames? names = null)
    {
        names ??= DocumentNames.None;
        var form = DocumentForms.Find(document.Kind)
            ?? throw new ArgumentException($"Unknown document kind '{document.Kind}'.", nameof(document));
        var view = document.Case;
        var data = document.Data;
        var isCertificate = document.Kind == DocumentKinds.Certificate;
        var baseUrl = publicBaseUrl.TrimEnd('/');

        return new PrintedDocument
        {
            Kind = document.Kind,
            TitleZh = form.TitleZh,
            TitleEn = form.TitleEn,
            CaseNumber = view.Number,
            Fields = Fields(document, hall, withTrackingCode: !isCertificate),
            Body = document.Kind switch
            {
                DocumentKinds.Receipt => ReceiptBody.Build(view, data, Salutation(view)),
                DocumentKinds.CorrectionNotice => CorrectionNotice(view, data, $"{baseUrl}/guide/{Uri.EscapeDataString(view.ServiceItem.Code)}", names),
                DocumentKinds.RejectionNotice => RejectionNotice(view, data),
                DocumentKinds.DenialDecision => DenialDecision(view, data, names),
                _ => Certificate(view, data, names),
            },
            IssuerZh = hall?.NameZh ?? view.Hall,
            IssuerEn = hall?.NameEn ?? view.Hall,
            IssuedOn = ChinaTime.Date(document.IssuedAt),
            QrUrl = isCertificate
                ? $"{baseUrl}/verify/{Uri.EscapeDataString(data.CertificateNumber ?? view.Number)}"
                : $"{baseUrl}/track?code={Uri.EscapeDataString(view.TrackingCode ?? "")}",
            QrCaptionZh = isCertificate ? "扫码核验本决定书的真实性" : "扫码查询办理进度",
            QrCaptionEn = isCertificate ? "Scan to verify this decision" : "Scan to follow your application",
        };
    }

    private static List<PrintedField> Fields(CaseDocument document, Hall? hall, bool withTrackingCode)
    {
        var view = document.Case;
        var applicant = view.Applicant;
        // The case number stands under the title of every document, so the particulars do not repeat it.
        var fields = new List<PrintedField>
        {
            new("事项名称", "Service item", view.ServiceItem.NameZh, view.ServiceItem.NameEn),
            new("申请人", "Applicant", applicant.Name),
            new("证件号码", "ID number", applicant.IdNumber),
        };
        if (!string.IsNullOrWhiteSpace(applicant.Organization))
        {
            fields.Add(new("申请单位", "Organisation", applicant.Organization));
        }

        fields.Add(new("联系电话", "Phone", applicant.Phone));
        fields.Add(new("办理大厅", "Service hall", hall?.NameZh ?? view.Hall, hall?.NameEn));
        fields.Add(new("申请时间", "Applied", ChinaTime.DateAndTime(view.OpenedAt), ChinaTime.DateAndTimeEn(view.OpenedAt)));
        fields.Add(new("签发时间", "Issued", ChinaTime.DateAndTime(document.IssuedAt), ChinaTime.DateAndTimeEn(document.IssuedAt)));
        if (withTrackingCode && view.TrackingCode is { } code)
        {
            fields.Add(new("查询码", "Tracking code", code));
        }

        return fields;
    }

    private static List<PrintedBlock> CorrectionNotice(CaseView view, DocumentData data, string guideUrl, DocumentNames names)
    {
        var round = data.Round ?? 1;
        var due = data.DueAt;
        var rows = data.Deficiencies.Select((d, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture),
            MaterialName(view, d.MaterialCode),
            d.Problem.Length > 0 ? d.Problem : None,
            names.Department(d.Department) ?? None,
        ]).ToList();
        return
        [
            Salutation(view),
            new PrintedParagraph($"你（单位）申请办理的“{view.ServiceItem.NameZh}”事项，经审查，申请材料不齐全或者不符合法定形式。"
                + $"请按下列要求一次性补正全部材料（第 {round} 次补正）。"),
            new PrintedHeading("需补正的材料", "Deficiencies to correct"),
            new PrintedTable(
                [new("序号", "No.", 0.1), new("材料", "Material", 0.3), new("补正要求", "What to correct", 0.42), new("部门", "Department", 0.18)],
                rows),
            new PrintedParagraph(due is { } at
                ? $"请于 {ChinaTime.DateAndTime(at)} 前补正。逾期未补正的，本中心将依法处理。"
                : "请尽快补正。", Strong: true),
            new PrintedParagraph("补正材料可送交本中心窗口，或凭查询码在网上提交。"),
            // 一次性告知: the applicant finds every material of the item, and what may be waived, in its guide.
            new PrintedParagraph($"本事项办事指南（所需材料及要求）：{guideUrl}"),
        ];
    }

    private static List<PrintedBlock> RejectionNotice(CaseView view, DocumentData data) =>
    [
        Salutation(view),
        new PrintedParagraph($"你（单位）申请办理的“{view.ServiceItem.NameZh}”事项，经审查，本中心决定不予受理。"),
        new PrintedHeading("不予受理的理由", "Reason"),
        new PrintedParagraph(data.Reason ?? None, Strong: true),
        new PrintedParagraph("如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"),
    ];

    // 行政许可法第三十八条第二款: a denial is written, gives its reasons and tells the applicant how to appeal.
    private static List<PrintedBlock> DenialDecision(CaseView view, DocumentData data, DocumentNames names)
    {
        var blocks = new List<PrintedBlock>
        {
            Salutation(view),
            new PrintedParagraph($"你（单位）申请办理的“{view.ServiceItem.NameZh}”事项，本中心已依法受理并经审查。"),
            new PrintedHeading("决定", "Decision"),
            new PrintedParagraph("根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。", Strong: true),
            new PrintedHeading("不予许可的理由", "Reason"),
            new PrintedParagraph(data.Reason ?? None, Strong: true),
        };
        // Who decided, by name: the department, and the reviewer on the hall's copy (the applicant's copy leaves staff out).
        if (names.Department(data.Department) is { } department)
        {
            blocks.Add(new PrintedParagraph(names.Staff(data.DecidedBy) is { } reviewer
                ? $"审批部门：{department}　审批人：{reviewer}"
                : $"审批部门：{department}"));
        }

        blocks.Add(new PrintedParagraph("如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"));
        return blocks;
    }

    private static List<PrintedBlock> Certificate(CaseView view, DocumentData data, DocumentNames names)
    {
        var blocks = new List<PrintedBlock>
        {
            Salutation(view),
            new PrintedParagraph($"你（单位）申请办理的“{view.ServiceItem.NameZh}”事项，经审查，符合法定条件、标准。"),
            new PrintedHeading("决定", "Decision"),
            new PrintedParagraph("根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。", Strong: true),
        };
        // The reviewers' written opinions (审批意见) stand with the decision they support, each under the department and
        // the reviewer who gave it (the reviewer only on the hall's copy: the applicant's copy leaves staff out).
        if (view.Opinions.Count > 0)
        {
            blocks.Add(new PrintedHeading("审批意见", "Review opinion"));
            var rows = view.Opinions.Select(o => (IReadOnlyList<string>)
                [names.Department(o.Department) ?? None, names.Staff(o.By) ?? None, o.Opinion.Length > 0 ? o.Opinion : None]).ToList();
            blocks.Add(rows.Any(r => r[1] != None)
                ? new PrintedTable([new("审批部门", "Department", 0.34), new("审批人", "Reviewer", 0.16), new("审批意见", "Opinion", 0.5)], rows)
                : new PrintedTable([new("审批部门", "Department", 0.4), new("审批意见", "Opinion", 0.6)], [.. rows.Select(r => (IReadOnlyList<string>)[r[0], r[2]])]));
        }

        blocks.AddRange(
        [
            new PrintedHeading("证照形式", "Certificate form"),
            new PrintedParagraph(CertificateForm(data.Form)),
        ]);
        if (view.Delivery is { } delivery)
        {
            blocks.Add(new PrintedParagraph($"送达方式：{DeliveryMethod(delivery.Method)}。"));
        }

        return blocks;
    }

    private static PrintedParagraph Salutation(CaseView view) =>
        new($"{(string.IsNullOrWhiteSpace(view.Applicant.Organization) ? view.Applicant.Name : view.Applicant.Organization)}：");

    private static string MaterialName(CaseView view, string? code) =>
        code is null ? None : view.Materials.FirstOrDefault(m => m.Code == code)?.NameZh ?? code;

    internal static string MaterialForm(string? form) => form switch
    {
        "original" => "原件",
        "copy" => "复印件",
        "electronic" => "电子件",
        "e-licence" => "电子证照",
        null => None,
        _ => form,
    };

    internal static string MaterialStatus(string status) => status switch
    {
        "submitted" => "已提交",
        "waived" => "免提交",
        "e-licence" => "电子证照调用",
        _ => status,
    };

    private static string CertificateForm(string? form) => form switch
    {
        "paper" => "纸质证照（paper）",
        "electronic" => "电子证照（electronic）",
        "both" => "纸质证照及电子证照（paper and electronic）",
        null => None,
        _ => form,
    };

    private static string DeliveryMethod(string method) => method switch
    {
        "window" => "窗口领取",
        "ems" => "EMS 邮寄送达",
        "electronic" => "电子送达",
        _ => method,
    };
}
