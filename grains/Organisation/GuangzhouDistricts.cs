namespace ServiceHall.Grains.Organisation;

/// <summary>
/// Guangzhou's eleven districts, the scopes key-project coordinators serve (a key project names the district it is
/// built in). Demo mode has a coordinator for each; a page offers them as the choice when opening a key project.
/// </summary>
public static class GuangzhouDistricts
{
    public sealed record District(string Code, string NameZh, string NameEn);

    public static IReadOnlyList<District> All { get; } =
    [
        new("yuexiu", "越秀区", "Yuexiu"),
        new("haizhu", "海珠区", "Haizhu"),
        new("liwan", "荔湾区", "Liwan"),
        new("tianhe", "天河区", "Tianhe"),
        new("baiyun", "白云区", "Baiyun"),
        new("huangpu", "黄埔区", "Huangpu"),
        new("panyu", "番禺区", "Panyu"),
        new("huadu", "花都区", "Huadu"),
        new("nansha", "南沙区", "Nansha"),
        new("conghua", "从化区", "Conghua"),
        new("zengcheng", "增城区", "Zengcheng"),
    ];

    public static District? Find(string? code) => All.FirstOrDefault(d => d.Code == code);
}
