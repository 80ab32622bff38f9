using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Cases;

/// <summary>
/// Departments and reviewers a coordinator names (route, reassign, add-department) must exist in the catalogue's
/// department list and the staff directory: a step given to a department nobody belongs to (its display name typed
/// instead of its code, say) would wait for ever, since no reviewer can ever act on it. Checked before the case sees the
/// command, so a refused plan leaves the case as it was.
/// </summary>
internal static class RoutingDirectoryCheck
{
    private static readonly HashSet<string> ActionsNamingDepartments = ["route", "reassign", "add-department"];

    /// <summary>The first unknown department or reviewer (field path, catalogue code), or null when all are known.</summary>
    public static async Task<FieldError?> FindUnknownAsync(
        string action, CaseActionInput input, IGrainFactory grains, OrganisationDirectory organisation)
    {
        if (!ActionsNamingDepartments.Contains(action))
        {
            return null;
        }

        var named = Named(input).ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var departments = await grains.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main).GetDepartmentsAsync();
        foreach (var (path, department, reviewer) in named)
        {
            if (department is not null && !departments.Any(d => string.Equals(d.Code, department, StringComparison.OrdinalIgnoreCase)))
            {
                return FieldError.Of(path + "department", "department.unknown", $"'{department}' is not a department in the directory; pick one from the list.", ("department", department));
            }

            if (reviewer is null)
            {
                continue;
            }

            var account = organisation.FindStaff(reviewer);
            if (account is null || account.Role != StaffRoles.Reviewer)
            {
                return FieldError.Of(path + "reviewer", "reviewer.unknown", $"'{reviewer}' is not a reviewer in the staff directory.", ("reviewer", reviewer));
            }

            if (department is not null && !string.Equals(account.Department, department, StringComparison.OrdinalIgnoreCase))
            {
                return FieldError.Of(path + "reviewer", "reviewer.otherDepartment", $"'{reviewer}' does not review for department '{department}'.", ("reviewer", reviewer), ("department", department));
            }
        }

        return null;
    }

    private static IEnumerable<(string Path, string? Department, string? Reviewer)> Named(CaseActionInput input)
    {
        if (input.Department is not null || input.Reviewer is not null)
        {
            yield return ("", Blank(input.Department), Blank(input.Reviewer));
        }

        var groups = input.Groups ?? [];
        for (var g = 0; g < groups.Count; g++)
        {
            var steps = groups[g]?.Steps ?? [];
            for (var s = 0; s < steps.Count; s++)
            {
                if (steps[s] is { } step)
                {
                    yield return ($"groups[{g}].steps[{s}].", Blank(step.Department), Blank(step.Reviewer));
                }
            }
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
