namespace ServiceHall.Workflows.Interpreter;

/// <summary>The action names of the shipped activities (ARCHITECTURE §5) and the labels the case page shows.</summary>
public static class ActionNames
{
    public const string Accept = "accept";
    public const string Reject = "reject";
    public const string RequestCorrection = "request-correction";
    public const string Resubmit = "resubmit";
    public const string Pass = "pass";
    public const string Approve = "approve";
    public const string Deny = "deny";
    public const string Route = "route";
    public const string IssueCertificate = "issue-certificate";
    public const string NotifyPickup = "notify-pickup";
    public const string PickedUp = "picked-up";
    public const string Mailed = "mailed";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [Accept] = "受理",
        [Reject] = "不予受理",
        [RequestCorrection] = "要求补正",
        [Resubmit] = "补正材料",
        [Pass] = "形式审查通过",
        [Approve] = "审批通过",
        [Deny] = "不予批准",
        [Route] = "分派部门",
        [IssueCertificate] = "出证",
        [NotifyPickup] = "通知领证",
        [PickedUp] = "已领取",
        [Mailed] = "已邮寄",
    };

    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}
