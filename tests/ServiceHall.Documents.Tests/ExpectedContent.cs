using System.Globalization;

namespace ServiceHall.Documents.Tests;

/// <summary>What each kind of document must say about the fixture's cases, in PDF and HTML alike.</summary>
public static class ExpectedContent
{
    public const string HallName = "广州市政务服务中心";

    public static TheoryData<string> Kinds => new() { "receipt", "correction-notice", "rejection-notice", "certificate", "denial-decision" };

    public static WalkedCase CaseFor(DocumentsSilo silo, string kind) => kind switch
    {
        "rejection-notice" => silo.Rejected,
        "denial-decision" => silo.Denied,
        _ => silo.Approved,
    };

    public static string QrUrlFor(WalkedCase walked, string kind) => kind == "certificate" ? walked.VerifyUrl : walked.TrackUrl;

    /// <summary>The strings the staff copy of <paramref name="kind"/> contains, besides the QR code.</summary>
    public static IReadOnlyList<string> For(WalkedCase walked, string kind)
    {
        var common = new List<string>
        {
            walked.Number,
            CaseWalker.ItemNameZh,
            "Domestic company change registration",
            HallName,
            CaseWalker.ApplicantName,
            CaseWalker.Organisation,
        };
        common.AddRange(kind switch
        {
            "receipt" => ["受理回执", "公司变更登记申请书", "股东会决议或决定", "营业执照复印件", $"承诺办结日期：{ChinaDateTime(walked.DueAt!.Value)}"],
            // 一次性告知 links the item's guide, where every material and what may be waived is listed.
            "correction-notice" => ["材料补正通知书", "股东会决议或决定", $"{DocumentsSilo.PublicBaseUrl.TrimEnd('/')}/guide/GZ-SCJG-002", .. CaseWalker.Deficiencies],
            "rejection-notice" => ["不予受理决定通知书", CaseWalker.RejectionReason, "行政复议"],
            "certificate" => ["准予行政许可决定书", "决定准予行政许可", "纸质证照及电子证照"],
            "denial-decision" => ["不予行政许可决定书", "决定不予行政许可", CaseWalker.DenialReason, "行政复议"],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        });
        if (kind != "certificate")
        {
            common.Add(walked.TrackingCode);
        }

        return common;
    }

    /// <summary>China Standard Time, computed here rather than by the code under test.</summary>
    public static string ChinaDateTime(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy'年'M'月'd'日' HH:mm", CultureInfo.InvariantCulture);
}
