namespace ServiceHall.Grains.Appointments;

/// <summary>The applicant's booking messages (Chinese, signed with the hall's name as Chinese SMS rules require).</summary>
public static class AppointmentSmsTexts
{
    private const string Signature = "【广州市政务服务中心】";

    /// <param name="window">The window as the applicant will see it over the counter ("综合窗口1"), never its code.</param>
    public static string Render(string template, string itemName, DateOnly date, TimeOnly start, string window, string code) => Signature + template switch
    {
        "appointment-booked" => $"您已预约“{itemName}”：{date:yyyy-MM-dd} {start:HH\\:mm}，{window}。预约码 {code}，请携带身份证原件按时到场。",
        "appointment-rescheduled" => $"您预约的“{itemName}”已改期至 {date:yyyy-MM-dd} {start:HH\\:mm}，{window}。预约码 {code}。",
        "appointment-cancelled" => $"您预约的“{itemName}”（{date:yyyy-MM-dd} {start:HH\\:mm}）已取消。预约码 {code}。",
        _ => $"您的预约 {code} 有新进展。",
    };
}
