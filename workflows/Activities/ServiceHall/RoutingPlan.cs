using System.Globalization;
using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>
/// A coordinator's routing plan: <c>{groups: [{parallel, steps: [{department, reviewer?, dueAt?}]}]}</c>. Groups run
/// one after another; inside a group the departments review at once (parallel) or in turn.
/// </summary>
internal static class RoutingPlan
{
    /// <summary>Checks a <c>route</c> payload and returns the plan in its canonical form.</summary>
    public static JsonObject FromPayload(JsonObject payload)
    {
        if (payload["groups"] is not JsonArray groups || groups.Count == 0)
        {
            throw Payload.Invalid("groups", "at least one group is required.", Payload.Rules.AtLeastOne);
        }

        var result = new JsonArray();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g] as JsonObject ?? throw Payload.Invalid($"groups[{g}]", "must be an object {parallel, steps}.");
            var parallel = group["parallel"] switch
            {
                null => true,
                JsonValue value when value.TryGetValue(out bool flag) => flag,
                _ => throw Payload.Invalid($"groups[{g}].parallel", "must be true or false.", Payload.Rules.NotFlag),
            };
            if (group["steps"] is not JsonArray steps || steps.Count == 0)
            {
                throw Payload.Invalid($"groups[{g}].steps", "at least one step is required.", Payload.Rules.AtLeastOne);
            }

            var canonicalSteps = new JsonArray();
            for (var s = 0; s < steps.Count; s++)
            {
                var path = $"groups[{g}].steps[{s}]";
                var step = steps[s] as JsonObject ?? throw Payload.Invalid(path, "must be an object {department, reviewer?, dueAt?}.");
                var canonical = CanonicalStep(step, path + ".");
                canonicalSteps.Add(canonical);
            }

            result.Add(new JsonObject { ["parallel"] = parallel, ["steps"] = canonicalSteps });
        }

        return new JsonObject { ["groups"] = result };
    }

    /// <summary>One plan step <c>{department, reviewer?, dueAt?}</c> in canonical form; <paramref name="prefix"/> names its fields in errors.</summary>
    public static JsonObject CanonicalStep(JsonObject step, string prefix = "")
    {
        var canonical = new JsonObject { ["department"] = Payload.RequiredText(step, "department", $"{prefix}department") };
        if (Payload.OptionalText(step, "reviewer", $"{prefix}reviewer") is { } reviewer)
        {
            canonical["reviewer"] = reviewer;
        }

        if (Payload.OptionalText(step, "dueAt", $"{prefix}dueAt") is { } dueAt)
        {
            canonical["dueAt"] = DateTimeOffset.TryParse(dueAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed.ToString("O", CultureInfo.InvariantCulture)
                : throw Payload.Invalid($"{prefix}dueAt", "must be an ISO 8601 date and time.", Payload.Rules.DateTime);
        }

        return canonical;
    }

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
