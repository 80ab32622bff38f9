namespace ServiceHall.Grains.Organisation;

/// <summary>
/// Demo mode's staff: enough people that every item of the shipped catalogue can be taken from the counter to the
/// end — a clerk at every window of every default hall (so each channel is served by someone's own window, the
/// cross-city ones in Guangzhou, Qingyuan and Meizhou included), a reviewer for every department of the catalogue
/// (the <c>qy-</c>/<c>mz-</c> partner departments and Nansha's <c>ns-</c> ones too), a coordinator for every district, a manager per hall, and the original one account per
/// remaining role. The README's demo table lists the same accounts; an API test walks every item with them.
/// </summary>
internal static class DemoStaff
{
    public static List<StaffAccount> Create() =>
    [
        // Clerks: one per window kind in Guangzhou, and the general and cross-city windows of the partner halls.
        Clerk("clerk", "陈晓敏", DefaultOrganisation.GuangzhouHall, "general-1"),
        Clerk("clerk-instant", "林嘉怡", DefaultOrganisation.GuangzhouHall, "instant"),
        Clerk("clerk-nansha", "梁国栋", DefaultOrganisation.GuangzhouHall, "nansha"),
        Clerk("clerk-key-project", "何文杰", DefaultOrganisation.GuangzhouHall, "key-project"),
        Clerk("clerk-gz-qy", "吴佩珊", DefaultOrganisation.GuangzhouHall, "gz-qy"),
        Clerk("clerk-gz-mz", "罗志伟", DefaultOrganisation.GuangzhouHall, "gz-mz"),
        Clerk("qy-clerk", "邓丽华", DefaultOrganisation.QingyuanHall, "general-1"),
        Clerk("qy-clerk-gz", "朱永强", DefaultOrganisation.QingyuanHall, "qy-gz"),
        Clerk("mz-clerk", "曾海燕", DefaultOrganisation.MeizhouHall, "general-1"),
        Clerk("mz-clerk-gz", "钟伟明", DefaultOrganisation.MeizhouHall, "mz-gz"),

        // Reviewers: the first two keep their published names; the rest are named after their department.
        Reviewer("reviewer", "李振华", "market-regulation"),
        Reviewer("reviewer2", "王建国", "emergency-management"),
        Reviewer("reviewer-food-drug", "杨秀英", "food-drug"),
        Reviewer("reviewer-housing-construction", "郑国强", "housing-construction"),
        Reviewer("reviewer-agriculture-rural", "许文华", "agriculture-rural"),
        Reviewer("reviewer-human-resources-social-security", "冯志明", "human-resources-social-security"),
        Reviewer("reviewer-natural-resources-planning", "谢春梅", "natural-resources-planning"),
        Reviewer("reviewer-transport", "韩立新", "transport"),
        Reviewer("reviewer-ecology-environment", "唐晓峰", "ecology-environment"),
        Reviewer("reviewer-commerce", "袁建平", "commerce"),
        Reviewer("reviewer-public-security", "蒋卫东", "public-security"),
        Reviewer("reviewer-health", "沈玉兰", "health"),
        Reviewer("reviewer-culture-tourism", "彭子涵", "culture-tourism"),
        Reviewer("reviewer-development-reform", "苏明轩", "development-reform"),
        // 南沙专窗: the Nansha district's departments review what the Nansha window takes.
        Reviewer("reviewer-ns-market-regulation", "陈永华", "ns-market-regulation"),
        Reviewer("reviewer-ns-food-drug", "李婉婷", "ns-food-drug"),
        Reviewer("reviewer-ns-emergency-management", "黄志坚", "ns-emergency-management"),
        Reviewer("reviewer-ns-agriculture-rural", "梁少芬", "ns-agriculture-rural"),
        Reviewer("reviewer-ns-human-resources-social-security", "何家豪", "ns-human-resources-social-security"),
        Reviewer("reviewer-ns-transport", "郭文斌", "ns-transport"),
        Reviewer("reviewer-ns-ecology-environment", "林慧敏", "ns-ecology-environment"),
        Reviewer("reviewer-ns-commerce", "吴国华", "ns-commerce"),
        Reviewer("qy-reviewer", "卢振宇", "qy-market-regulation"),
        Reviewer("qy-reviewer-food-drug", "潘美玲", "qy-food-drug"),
        Reviewer("qy-reviewer-human-resources-social-security", "蔡永康", "qy-human-resources-social-security"),
        Reviewer("mz-reviewer", "丁少华", "mz-market-regulation"),
        Reviewer("mz-reviewer-food-drug", "魏淑芬", "mz-food-drug"),
        Reviewer("mz-reviewer-human-resources-social-security", "范国良", "mz-human-resources-social-security"),

        // Key projects: the district decides the coordinator; one for every district of Guangzhou (GuangzhouDistricts),
        // the first two keeping their published names.
        Staff("coordinator", "张志强", StaffRoles.Coordinator, district: "tianhe"),
        Staff("coordinator2", "黄丽娟", StaffRoles.Coordinator, district: "nansha"),
        Staff("coordinator-yuexiu", "陈伟东", StaffRoles.Coordinator, district: "yuexiu"),
        Staff("coordinator-haizhu", "刘晓燕", StaffRoles.Coordinator, district: "haizhu"),
        Staff("coordinator-liwan", "关永健", StaffRoles.Coordinator, district: "liwan"),
        Staff("coordinator-baiyun", "邱丽萍", StaffRoles.Coordinator, district: "baiyun"),
        Staff("coordinator-huangpu", "骆振华", StaffRoles.Coordinator, district: "huangpu"),
        Staff("coordinator-panyu", "麦嘉欣", StaffRoles.Coordinator, district: "panyu"),
        Staff("coordinator-huadu", "邝志勇", StaffRoles.Coordinator, district: "huadu"),
        Staff("coordinator-conghua", "温雪梅", StaffRoles.Coordinator, district: "conghua"),
        Staff("coordinator-zengcheng", "单国庆", StaffRoles.Coordinator, district: "zengcheng"),

        Staff("manager", "刘芳", StaffRoles.Manager, hall: DefaultOrganisation.GuangzhouHall),
        Staff("qy-manager", "高晓红", StaffRoles.Manager, hall: DefaultOrganisation.QingyuanHall),
        Staff("mz-manager", "叶青松", StaffRoles.Manager, hall: DefaultOrganisation.MeizhouHall),
        Staff("designer", "赵明", StaffRoles.Designer),
        Staff("admin", "周静", StaffRoles.Admin),
    ];

    private static StaffAccount Clerk(string username, string displayName, string hall, string window) =>
        Staff(username, displayName, StaffRoles.Clerk, hall: hall, window: window);

    private static StaffAccount Reviewer(string username, string displayName, string department) =>
        Staff(username, displayName, StaffRoles.Reviewer, department: department);

    private static StaffAccount Staff(
        string username, string displayName, string role,
        string? hall = null, string? window = null, string? department = null, string? district = null) =>
        new()
        {
            Username = username,
            DisplayName = displayName,
            Role = role,
            Hall = hall,
            Window = window,
            Department = department,
            District = district,
        };
}
