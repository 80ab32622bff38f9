using System.Globalization;
using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>
/// A coordinator's routing plan: <c>{groups: [{parallel, steps: [{department, reviewer?, dueAt?}]}]}</c>. Groups run
/// one after another; inside a group the departments review at once (parallel) or in turn.
/// </summary>
internal static class RoutingPlan
{
    /// <summary>
    /// Checks a <c>route</c> payload and returns the plan in its canonical form. Every group and step is checked before
    /// refusing, so the coordinator sees all unfinished rows of the plan at once.
    /// </summary>
    public static JsonObject FromPayload(JsonObject payload)
    {
        if (payload["groups"] is not JsonArray groups || groups.Count == 0)
        {
            throw Payload.Invalid("groups", "at least one group is required.", Payload.Rules.AtLeastOne);
        }

        var problems = new PayloadProblems();
        var result = new JsonArray();
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g] is not JsonObject group)
            {
                problems.Add(Payload.Invalid($"groups[{g}]", "must be an object {parallel, steps}.", Payload.Rules.NotObject));
                continue;
            }

            var parallel = group["parallel"] switch
            {
                null => true,
                JsonValue value when value.TryGetValue(out bool flag) => flag,
                _ => problems.Check<bool>(() => throw Payload.Invalid($"groups[{g}].parallel", "must be true or false.", Payload.Rules.NotFlag), true),
            };
            if (group["steps"] is not JsonArray steps || steps.Count == 0)
            {
                problems.Add(Payload.Invalid($"groups[{g}].steps", "at least one step is required.", Payload.Rules.AtLeastOne));
                continue;
            }

            var canonicalSteps = new JsonArray();
            for (var s = 0; s < steps.Count; s++)
            {
                var path = $"groups[{g}].steps[{s}]";
                if (steps[s] is not JsonObject step)
                {
                    problems.Add(Payload.Invalid(path, "must be an object {department, reviewer?, dueAt?}.", Payload.Rules.NotObject));
                    continue;
                }

                if (problems.Check<JsonObject?>(() => CanonicalStep(step, path + "."), null) is { } canonical)
                {
                    canonicalSteps.Add(canonical);
                }
            }

            result.Add(new JsonObject { ["parallel"] = parallel, ["steps"] = canonicalSteps });
        }

        problems.ThrowIfAny();
        return new JsonObject { ["groups"] = result };
    }

    /// <summary>One plan step <c>{department, reviewer?, dueAt?}</c> in canonical form, every field checked; <paramref name="prefix"/> names its fields in errors.</summary>
    public static JsonObject CanonicalStep(JsonObject step, string prefix = "")
    {
        var problems = new PayloadProblems();
        var canonical = new JsonObject { ["department"] = problems.Check(() => Payload.RequiredText(step, "department", $"{prefix}department"), "") };
        if (problems.Check(() => Payload.OptionalText(step, "reviewer", $"{prefix}reviewer"), null) is { } reviewer)
        {
            canonical["reviewer"] = reviewer;
        }

        if (problems.Check(() => DueAt(step, $"{prefix}dueAt"), null) is { } dueAt)
        {
            canonical["dueAt"] = dueAt;
        }

        problems.ThrowIfAny();
        return canonical;
    }

    /// <summary>An optional due time in canonical ISO 8601 text, refused on <paramref name="path"/> when it is not one.</summary>
    public static string? DueAt(JsonObject step, string path) =>
        Payload.OptionalText(step, "dueAt", path) is not { } dueAt ? null
        : DateTimeOffset.TryParse(dueAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed.ToString("O", CultureInfo.InvariantCulture)
            : throw Payload.Invalid(path, "must be an ISO 8601 date and time.", Payload.Rules.DateTime);

    /// <summary>A plan of one parallel group, one step per department.</summary>
    public static JsonObject ForDepartments(IEnumerable<string> departments) => new()
    {
        ["groups"] = new JsonArray(new JsonObject
        {
            ["parallel"] = true,
            ["steps"] = new JsonArray(departments.Distinct().Select(d => (JsonNode)new JsonObject { ["department"] = d }).ToArray()),
        }),
    };

    /// <summary>The due time of a plan step, whether it is held as text or (after storage) as a JSON element.</summary>
    public static DateTimeOffset? DueAt(JsonObject planStep) => planStep["dueAt"] switch
    {
        JsonValue value when value.TryGetValue(out DateTimeOffset at) => at,
        JsonValue value when value.TryGetValue(out string? text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>Reads a plan produced by an expression, accepting the plan object or its bare group list.</summary>
    public static JsonArray? Groups(JsonNode? plan) => plan switch
    {
        JsonObject obj => obj["groups"] as JsonArray,
        JsonArray groups => groups,
        _ => null,
    };
}
