using System.Globalization;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Documents;

/// <summary>
/// The receipt (受理回执) says only what is true at acceptance: "materials complete" when nothing required is missing;
/// otherwise that the case was accepted with deficiencies (容缺受理), as the clerk chose explicitly, and which materials
/// are still owed. What the acceptance step recorded decides; receipts issued before it recorded that fall back to
/// the materials as registered.
/// </summary>
internal static class ReceiptBody
{
    private const string None = "—";

    public static List<PrintedBlock> Build(CaseView view, DocumentData data, PrintedParagraph salutation)
    {
        var supplied = data.SuppliedMaterials.ToHashSet(StringComparer.Ordinal);
        var missingCodes = data.MissingMaterials is { } recorded
            ? recorded.ToHashSet(StringComparer.Ordinal)
            : view.Materials.Where(m => m.Status == "missing" && !supplied.Contains(m.Code)).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var missing = view.Materials.Where(m => missingCodes.Contains(m.Code)).ToList();
        var received = view.Materials.Where(m => !missingCodes.Contains(m.Code) && (m.Status != "missing" || supplied.Contains(m.Code))).ToList();

        // One table of every material with its state keeps even the longest list of a 容缺 receipt on one A4 page.
        var listed = received.Concat(missing).ToList();
        var blocks = new List<PrintedBlock>
        {
            salutation,
            new PrintedParagraph(missing.Count == 0
                ? $"你（单位）申请办理的“{view.ServiceItem.NameZh}”事项，申请材料齐全、符合法定形式，本中心决定予以受理。"
                : $"你（单位）申请办理的“{view.ServiceItem.NameZh}”事项，申请材料尚缺 {missing.Count} 项（下表“尚缺”者），"
                    + "经申请人同意，本中心先行受理（容缺受理）。请将所缺材料补交至本中心窗口。"),
            new PrintedHeading(missing.Count == 0 ? "已收材料" : "申请材料（容缺受理）", missing.Count == 0 ? "Materials received" : "Materials (accepted with deficiencies)"),
            new PrintedTable(
                [new("序号", "No.", 0.1), new("材料名称", "Material", 0.56), new("形式", "Form", 0.17), new("状态", "Status", 0.17)],
                listed.Count == 0
                    ? [[None, "（无）", None, None]]
                    : listed.Select((m, i) => (IReadOnlyList<string>)
                        [Number(i), m.NameZh, PrintedDocumentBuilder.MaterialForm(data.FormsAtAcceptance.GetValueOrDefault(m.Code) ?? m.Form), Status(m, supplied, missingCodes)]).ToList()),
        };

        var limit = view.Sla.TimeLimitDays > 0 ? $"{view.Sla.TimeLimitDays} 个工作日" : None;
        var due = view.Sla.DueAt is { } dueAt ? ChinaTime.DateAndTime(dueAt) : None;
        blocks.Add(new PrintedParagraph($"承诺办结时限：{limit}；承诺办结日期：{due}。", Strong: true));
        blocks.Add(new PrintedParagraph("请凭本回执及查询码查询办理进度、领取办理结果。需要补正材料或办结时，本中心将以短信通知。"));
        return blocks;
    }

    // A material missing at opening and handed in later: at the counter at acceptance, or answering a correction notice.
    private static string Status(MaterialView material, IReadOnlySet<string> supplied, IReadOnlySet<string> missing) =>
        missing.Contains(material.Code) ? "尚缺"
        : material.Status == "missing" && supplied.Contains(material.Code) ? "已补交"
        : PrintedDocumentBuilder.MaterialStatus(material.Status);

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
