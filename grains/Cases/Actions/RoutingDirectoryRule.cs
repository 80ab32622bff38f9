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
    /// <summary>Every unknown department and reviewer, each naming its field path and the rule's code (empty when all are known).</summary>
    public static async ValueTask<IReadOnlyList<FieldError>> ErrorsAsync(CaseActionContext context)
    {
        var named = Named(context.Payload).ToList();
        if (named.Count == 0)
        {
            return [];
        }

        var errors = new List<FieldError>();
        var departments = await context.Services.DepartmentCodes();
        foreach (var (path, department, reviewer) in named)
        {
            var knownDepartment = department is null || departments.Any(d => string.Equals(d, department, StringComparison.OrdinalIgnoreCase));
            if (!knownDepartment)
            {
                errors.Add(FieldError.Of(path + "department", "department.unknown",
                    $"'{department}' is not a department in the directory; pick one from the list.", ("department", department)));
            }

            if (reviewer is null)
            {
                continue;
            }

            var account = context.Services.Organisation.FindStaff(reviewer);
            if (account is null || account.Role != StaffRoles.Reviewer)
            {
                errors.Add(FieldError.Of(path + "reviewer", "reviewer.unknown", $"'{reviewer}' is not a reviewer in the staff directory.",
                    ("reviewer", reviewer)));
            }
            else if (department is not null && knownDepartment && !string.Equals(account.Department, department, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(FieldError.Of(path + "reviewer", "reviewer.otherDepartment",
                    $"'{reviewer}' does not review for department '{department}'.", ("reviewer", reviewer), ("department", department)));
            }
        }

        return errors;
    }

    /// <summary>
    /// The refusal of a plan: the directory's <paramref name="directory"/> errors together with the body's own
    /// (<paramref name="shape"/>, the workflow's refusal when it refused the plan's fields), in the order of the body's
    /// fields; null when there are none. A plan with a malformed part is a 400, one the directory alone refuses a 422.
    /// </summary>
    public static CaseResult? Refusal(CaseActionContext context, IReadOnlyList<FieldError> directory, CaseResult? shape)
    {
        if (directory.Count == 0)
        {
            return shape;
        }

        if (shape is null || shape.Outcome != CaseOutcome.Invalid || shape.Errors.Count == 0)
        {
            // A refusal of another kind (the action is not available, the actor may not) says nothing about the fields.
            return shape ?? CaseResult.Refused(CaseOutcome.Unprocessable, directory, context.Available);
        }

        var all = shape.Errors.Concat(directory).OrderBy(e => FieldOrder.Key(e.Field)).ToList();
        return CaseResult.Refused(CaseOutcome.Invalid, all, context.Available);
    }

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
