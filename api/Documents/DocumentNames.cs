using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Documents;

/// <summary>
/// The names a document prints where the case records codes: departments by the catalogue's Chinese name, staff by
/// their display name. A document is read by the applicant and filed by the hall, so a user name ("reviewer") is never
/// printed: a person the directory no longer knows is left unnamed.
/// </summary>
public sealed class DocumentNames(IReadOnlyList<Department> departments, OrganisationDirectory? organisation)
{
    public static DocumentNames None { get; } = new([], null);

    /// <summary>The department's Chinese name; its code only if the catalogue lost it.</summary>
    public string? Department(string? code) =>
        code is null ? null
            : departments.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase))?.NameZh ?? code;

    /// <summary>The staff member's display name, or null (never the user name).</summary>
    public string? Staff(string? username) =>
        organisation?.FindStaff(username) is { DisplayName: { Length: > 0 } name } ? name : null;
}
