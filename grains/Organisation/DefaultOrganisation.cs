using ServiceHall.Grains.Catalog;

namespace ServiceHall.Grains.Organisation;

/// <summary>
/// The halls used when configuration lists none (the Guangzhou municipal hall and its Qingyuan and Meizhou partners),
/// and the demo staff directory embedded mode signs in with. Each call returns fresh objects, because the option
/// classes are mutable and a shared static instance could be changed by one caller under another.
/// </summary>
public static class DefaultOrganisation
{
    public const string GuangzhouHall = "gz";
    public const string QingyuanHall = "qy";
    public const string MeizhouHall = "mz";

    public const string Guangzhou = "guangzhou";
    public const string Qingyuan = "qingyuan";
    public const string Meizhou = "meizhou";

    /// <summary>The demo accounts' password unless <see cref="OrganisationOptions.DemoPassword"/> says otherwise.</summary>
    public const string DemoPassword = "servicehall";

    public static List<Hall> CreateHalls() =>
    [
        new Hall
        {
            Code = GuangzhouHall,
            NameZh = "广州市政务服务中心",
            NameEn = "Guangzhou Municipal Government Service Center",
            City = Guangzhou,
            Windows =
            [
                ComprehensiveWindow(1),
                ComprehensiveWindow(2),
                ComprehensiveWindow(3),
                CrossCityWindow("gz-qy", "穗清通办窗口", "Guangzhou–Qingyuan cross-city window", Qingyuan),
                CrossCityWindow("gz-mz", "穗梅通办窗口", "Guangzhou–Meizhou cross-city window", Meizhou),
                Window("nansha", "南沙窗口", "Nansha window", ServiceChannels.Nansha),
                Window("key-project", "重点项目窗口", "Key-project window", ServiceChannels.KeyProject),
                Window("instant", "即办窗口", "Instant-service window", ServiceChannels.Instant),
            ],
        },
        new Hall
        {
            Code = QingyuanHall,
            NameZh = "清远市政务服务中心",
            NameEn = "Qingyuan Municipal Government Service Center",
            City = Qingyuan,
            Windows =
            [
                ComprehensiveWindow(1),
                ComprehensiveWindow(2),
                CrossCityWindow("qy-gz", "穗清通办窗口", "Qingyuan–Guangzhou cross-city window", Guangzhou),
            ],
        },
        new Hall
        {
            Code = MeizhouHall,
            NameZh = "梅州市政务服务中心",
            NameEn = "Meizhou Municipal Government Service Center",
            City = Meizhou,
            Windows =
            [
                ComprehensiveWindow(1),
                ComprehensiveWindow(2),
                CrossCityWindow("mz-gz", "穗梅通办窗口", "Meizhou–Guangzhou cross-city window", Guangzhou),
            ],
        },
    ];

    /// <summary>The demo staff (<see cref="DemoStaff"/>), all with <paramref name="password"/>.</summary>
    public static List<StaffAccount> CreateDemoStaff(string password = DemoPassword)
    {
        var staff = DemoStaff.Create();
        foreach (var account in staff)
        {
            account.Password = password;
        }

        return staff;
    }

    private static Window ComprehensiveWindow(int number) =>
        Window($"general-{number}", $"综合窗口{number}", $"Comprehensive window {number}", ServiceChannels.Window);

    private static Window CrossCityWindow(string code, string nameZh, string nameEn, string partnerCity)
    {
        var window = Window(code, nameZh, nameEn, ServiceChannels.CrossCity);
        window.PartnerCity = partnerCity;
        return window;
    }

    private static Window Window(string code, string nameZh, string nameEn, string channel) =>
        new() { Code = code, NameZh = nameZh, NameEn = nameEn, Channel = channel };
}
