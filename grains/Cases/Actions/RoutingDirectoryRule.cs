using System.Text.Json.Nodes;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Departments and reviewers a coordinator names (route, reassign, add-department) must exist in the catalogue's
/// department list and the staff directory: a step given to a department nobody belongs to (its display name typed
/// instead of its code, say) would wait for ever, since no reviewer can ever act on it. The case decides it, so every
/// caller (the API, the console, a script on the grain) is held to it, and a refused plan leaves the case as it was.
/// </summary>
internal static class RoutingDirectoryRule
{
    /// <summary>The first unknown department or reviewer as a 422 naming the field path and the rule's code, or null.</summary>
    public static async ValueTask<CaseResult?> RefusalAsync(CaseActionContext context)
    {
        var named = Named(context.Payload).ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var departments = await context.Services.DepartmentCodes();
        foreach (var (path, department, reviewer) in named)
        {
            if (department is not null && !departments.Any(d => string.Equals(d, department, StringComparison.OrdinalIgnoreCase)))
            {
                return Unknown(context, FieldError.Of(path + "department", "department.unknown",
                    $"'{department}' is not a department in the directory; pick one from the list.", ("department", department)));
            }

            if (reviewer is null)
            {
                continue;
            }

            var account = context.Services.Organisation.FindStaff(reviewer);
            if (account is null || account.Role != StaffRoles.Reviewer)
            {
                return Unknown(context, FieldError.Of(path + "reviewer", "reviewer.unknown", $"'{reviewer}' is not a reviewer in the staff directory.",
                    ("reviewer", reviewer)));
            }

            if (department is not null && !string.Equals(account.Department, department, StringComparison.OrdinalIgnoreCase))
            {
                return Unknown(context, FieldError.Of(path + "reviewer", "reviewer.otherDepartment",
                    $"'{reviewer}' does not review for department '{department}'.", ("reviewer", reviewer), ("department", department)));
            }
        }

        return null;
    }

    private static CaseResult Unknown(CaseActionContext context, FieldError error) =>
        CaseResult.Refused(CaseOutcome.Unprocessable, error, context.Available);

    /// <summary>Every (field path prefix, department, reviewer) the payload names: one step at the top, or a plan's groups.</summary>
    private static IEnumerable<(string Path, string? Department, string? Reviewer)> Named(JsonObject payload)
    {
        if (Text(payload, "department") is not null || Text(payload, "reviewer") is not null)
        {
            yield return ("", Text(payload, "department"), Text(payload, "reviewer"));
        }

        if (payload["groups"] is not JsonArray groups)
        {
            yield break;
        }

        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g]?["steps"] is not JsonArray steps)
            {
                continue;
            }

            for (var s = 0; s < steps.Count; s++)
            {
                if (steps[s] is JsonObject step)
                {
                    yield return ($"groups[{g}].steps[{s}].", Text(step, "department"), Text(step, "reviewer"));
                }
            }
        }
    }

    // Only text names a department; a value of another shape is the payload checks' to refuse, not this rule's.
    private static string? Text(JsonObject node, string field) =>
        node[field] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
