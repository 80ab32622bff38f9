using System.Globalization;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The Chinese line stored beside each journal note for readers of the v1 journal (<c>summary</c>); pages render the
/// note's kind and args themselves.
/// </summary>
internal static class CaseJournalSummary
{
    public static string Render(string action, CaseJournalNote note)
    {
        string? Arg(string name) => note.Args.TryGetValue(name, out var value) ? value : null;
        string Short(string text) => text.Length > 80 ? text[..80] + "…" : text;
        return note.Kind switch
        {
            CaseJournalKinds.Opened => $"登记 {Arg("item")}，渠道 {Arg("channel")}，{Arg("missingMaterials") ?? "0"} 项材料待补"
                + Uploads(note)
                + (Arg("eLicenceNumbers") is { Length: > 0 } numbers ? "；" + string.Join("，", numbers.Split(',').Select(n => $"电子营业执照 {n} 核验通过")) : ""),
            CaseJournalKinds.Step => ActionNames.Label(action)
                + ((Arg("deficiencies") is { } count ? $"{count} 项补正" : Arg("reason") ?? Arg("comment") ?? Arg("opinion") ?? Arg("form") ?? Arg("emsTrackingNo")) is { } detail
                    ? "：" + Short(detail) : "")
                + Uploads(note),
            CaseJournalKinds.Withdrawn => $"申请人撤回：{Arg("reason")}",
            CaseJournalKinds.Cancelled => $"作废：{Arg("reason")}",
            CaseJournalKinds.Suspended => $"中止：{Arg("reason")}",
            CaseJournalKinds.Resumed => "恢复办理",
            CaseJournalKinds.TimerFired => $"计时器到期：{Arg("timer")}",
            CaseJournalKinds.SlaThreshold => Arg("percent") == "100"
                ? $"已超过法定时限（{When(Arg("reachedAt"))}）"
                : $"法定时限已用 {Arg("percent")}%（{When(Arg("reachedAt"))}）",
            CaseJournalKinds.CoordinatorAssigned => $"指定协调员 {Arg("coordinator")}（{Arg("district") ?? "-"}）",
            CaseJournalKinds.PlanChanged => Arg("change") == "add-department"
                ? $"增加审批部门 {Arg("department")}{(Arg("reviewer") is { } r ? $"（{r}）" : "")}"
                : $"改派 {Arg("part")}：{string.Join("，", new[] { Arg("department"), Arg("reviewer") }.Where(t => t is not null))}",
            CaseJournalKinds.Escalated => $"督办升级（优先级 {Arg("priority")}）：{Arg("reason")}",
            CaseJournalKinds.ClockPaused => $"暂停计时：{Arg("reason")}",
            CaseJournalKinds.ClockResumed => $"恢复计时（暂停工作时间 {Arg("pausedHours")} 小时）",
            CaseJournalKinds.FeedbackSent => $"反馈申请人：{Arg("message")}",
            CaseJournalKinds.CoordinationClosed => $"协调结案：{Arg("summary")}",
            CaseJournalKinds.HallTransferred => $"转办（{(Arg("part") == "pickup" ? "领证" : "受理")}）{Arg("from")} → {Arg("to")}：{Arg("reason")}",
            _ => note.Kind,
        };
    }

    private static string Uploads(CaseJournalNote note)
    {
        var files = note.Args.Where(a => a.Key.StartsWith("sha256.", StringComparison.Ordinal)).Select(a => $"{a.Key[7..]}: sha256 {a.Value}").ToList();
        return files.Count == 0 ? "" : "；上传 " + string.Join("，", files);
    }

    // Shown in the hall's time zone, as staff read it.
    private static string When(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : iso ?? "";
}
