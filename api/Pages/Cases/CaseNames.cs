using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Cases;

/// <summary>
/// Names a case refers to by code (materials, departments, halls, windows, staff), in the page's language. The case
/// view carries Chinese material names only; the catalogue item and the organisation directory have both languages.
/// </summary>
public sealed class CaseNames(ServiceItem? item, IReadOnlyList<Department> departments, OrganisationDirectory organisation)
{
    public IReadOnlyList<Department> Departments { get; } = departments;

    public static async Task<CaseNames> LoadAsync(IGrainFactory grains, OrganisationDirectory organisation, string serviceItemCode)
    {
        var catalog = grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
        var item = catalog.GetItemAsync(serviceItemCode);
        var departments = catalog.GetDepartmentsAsync();
        return new CaseNames(await item, await departments, organisation);
    }

    public string Material(string? code, string? nameZh = null)
    {
        var known = code is null ? null : item?.Materials.FirstOrDefault(m => m.Code == code);
        return known is not null ? Pick(known.NameZh, known.NameEn) : nameZh ?? code ?? "";
    }

    public string Material(MaterialView material) => Material(material.Code, material.NameZh);

    public string Department(string? code)
    {
        var known = code is null ? null : Departments.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));
        return known is not null ? Pick(known.NameZh, known.NameEn) : code ?? "";
    }

    /// <summary>The directory's reviewers, for pickers (each names the department it reviews for).</summary>
    public IReadOnlyList<StaffAccount> Reviewers =>
        [.. organisation.Staff.Where(s => s.Role == StaffRoles.Reviewer).OrderBy(s => s.Department, StringComparer.Ordinal)];

    /// <summary>Every hall's code, for pickers (the hall's name comes from <see cref="Hall"/>).</summary>
    public IReadOnlyList<string> HallCodes => [.. organisation.Halls.Select(h => h.Code)];

    public string Hall(string? code) => organisation.FindHall(code) is { } hall ? Pick(hall.NameZh, hall.NameEn) : code ?? "";

    public string Window(string? hall, string? window) =>
        organisation.FindWindow(hall, window) is { } found ? Pick(found.NameZh, found.NameEn) : window ?? "";

    /// <summary>
    /// A staff member's display name, as a person reads it (issue 22: never the user name, e.g. "reviewer"), or the id as
    /// recorded when the directory has no such account (system, applicant).
    /// </summary>
    public string Staff(string id) => organisation.FindStaff(id) is { DisplayName: { Length: > 0 } name } ? name : id;

    private static string Pick(string zh, string en) => PageCultures.IsEnglish && !string.IsNullOrEmpty(en) ? en : zh;
}
