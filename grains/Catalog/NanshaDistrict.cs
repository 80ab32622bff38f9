namespace ServiceHall.Grains.Catalog;

/// <summary>
/// 南沙专窗 (reform report §2): the municipal hall's Nansha window takes Nansha district's business — company set-up,
/// the hazardous-chemicals licence and the rest — and the district's own departments review it. A city department's
/// Nansha counterpart carries the <c>ns-</c> prefix (<c>ns-market-regulation</c>); an item of a Nansha department keeps it.
/// </summary>
public static class NanshaDistrict
{
    public const string DepartmentPrefix = "ns-";

    public static string ReviewingDepartment(string department) =>
        department.StartsWith(DepartmentPrefix, StringComparison.Ordinal) ? department : DepartmentPrefix + department;
}
