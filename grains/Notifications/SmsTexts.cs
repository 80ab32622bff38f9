using System.Text.Json.Nodes;

namespace ServiceHall.Grains.Notifications;

/// <summary>The texts of the hall's messages (Chinese, signed with the hall's name as Chinese SMS rules require).</summary>
public static class SmsTexts
{
    private const string Signature = "【广州市政务服务中心】";

    /// <summary>
    /// The message of <paramref name="template"/>; a designer's free text (the Notify activity's <c>Message</c>) follows
    /// the hall's wording, so what the workflow in Elsa Studio says is what is sent.
    /// </summary>
    public static string Render(string template, JsonObject data, string caseNumber, string itemName, string trackingCode)
    {
        var text = Base(template, data, caseNumber, itemName, trackingCode);
        return Text(data, "message") is { Length: > 0 } added && !text.Contains(added, StringComparison.Ordinal) ? text + added : text;
    }

    private static string Base(string template, JsonObject data, string caseNumber, string itemName, string trackingCode) => Signature + template switch
    {
        "application-received" => $"您在网上申请的“{itemName}”已登记（{caseNumber}），查询码 {trackingCode}，请凭查询码查看进度。",
        "correction-requested" => $"您申请的“{itemName}”（{caseNumber}）需补正材料{Count(data)}，请按《材料补正通知书》一次性补齐。查询码 {trackingCode}。",
        "correction-expired" => $"您申请的“{itemName}”（{caseNumber}）补正期限已过，申请已终止。",
        "application-rejected" => $"您申请的“{itemName}”（{caseNumber}）不予受理：{Text(data, "reason")}。",
        "ready-for-pickup" => $"您申请的“{itemName}”（{caseNumber}）已办结，请携带身份证原件到窗口领取证照。",
        "certificate-mailed" => $"您申请的“{itemName}”（{caseNumber}）证照已通过EMS寄出，运单号 {Text(data, "emsTrackingNo")}。",
        // Only what the hall runs: its own tracker serves the electronic certificate (no third-party app).
        "certificate-delivered-electronically" => $"您申请的“{itemName}”（{caseNumber}）电子证照已签发，可凭查询码 {trackingCode} 在本中心网站办件查询页下载并核验。",
        "certificate-issued" => $"您申请的“{itemName}”（{caseNumber}）证照已签发。",
        // The denial decision (不予行政许可决定书) is issued with the denial: the tracker serves it by the tracking code.
        "review-denied" => $"您申请的“{itemName}”（{caseNumber}）审批未通过{Reason(data)}。《不予行政许可决定书》可凭查询码 {trackingCode} 在本中心网站办件查询页查看、下载。",
        "sla-alert" => $"办件 {caseNumber}（{itemName}）法定时限已用 {Text(data, "percent")}%，请及时处理。",
        "project-routed" => $"您申请的重点项目“{itemName}”（{caseNumber}）已由项目协调员分派至相关部门并联审批，可凭查询码 {trackingCode} 查看进度。",
        "coordinator-feedback" => $"您申请的重点项目“{itemName}”（{caseNumber}）协调员反馈：{Text(data, "message")}。查询码 {trackingCode}。",
        "escalated" => $"重点项目办件 {caseNumber}（{itemName}）已升级督办（优先级 {Text(data, "priority")}）：{Text(data, "reason")}。",
        "hall-transferred" => $"您申请的“{itemName}”（{caseNumber}）已转至{Text(data, "hall")}{(Text(data, "part") == "pickup" ? "领取证照" : "办理")}。查询码 {trackingCode}。",
        "sla-breached" => $"办件 {caseNumber}（{itemName}）已超过法定时限，请立即处理。",
        _ => $"办件 {caseNumber}（{itemName}）有新进展：{Text(data, "message") ?? template}。",
    };

    public const string VerificationTemplate = "verification-code";

    public static string VerificationCode(string code, int minutes) =>
        $"{Signature}您的网上办事验证码为 {code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。";

    private static string Count(JsonObject data) =>
        data["deficiencies"] is JsonArray list ? $"{list.Count}项" : "";

    private static string? Text(JsonObject data, string name) => data[name]?.ToString();

    private static string Reason(JsonObject data) =>
        Text(data, "reason") is { Length: > 0 } reason ? $"，理由：{reason}" : "";
}
