using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities;

/// <summary>Minimal checks on action bodies; each failure refuses the stimulus with an <see cref="InvalidPayload"/>.</summary>
public static class Payload
{
    public static string RequiredText(JsonObject payload, string field, string? path = null) =>
        OptionalText(payload, field, path) ?? throw Invalid(path ?? field, "is required.");

    /// <param name="path">How the field is named in an error, when it sits inside a list.</param>
    public static string? OptionalText(JsonObject payload, string field, string? path = null) => payload[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        _ => throw Invalid(path ?? field, "must be a string."),
    };

    /// <summary>An optional boolean; absent is false, anything but true or false is refused.</summary>
    public static bool OptionalFlag(JsonObject payload, string field) => payload[field] switch
    {
        null => false,
        JsonValue value when value.TryGetValue(out bool flag) => flag,
        _ => throw Invalid(field, "must be true or false."),
    };

    public static string OneOf(JsonObject payload, string field, params string[] allowed)
    {
        var value = RequiredText(payload, field);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw Invalid(field, $"must be one of {string.Join(", ", allowed)}.");
    }

    /// <summary>The <c>deficiencies</c> of a <c>request-correction</c>: at least one, each naming its problem.</summary>
    public static JsonArray Deficiencies(JsonObject payload)
    {
        if (payload["deficiencies"] is not JsonArray items || items.Count == 0)
        {
            throw Invalid("deficiencies", "at least one deficiency is required.");
        }

        var result = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                throw Invalid($"deficiencies[{i}]", "must be an object {materialCode?, problem}.");
            }

            var deficiency = new JsonObject { ["problem"] = RequiredText(item, "problem", $"deficiencies[{i}].problem") };
            if (OptionalText(item, "materialCode", $"deficiencies[{i}].materialCode") is { } code)
            {
                deficiency["materialCode"] = code;
            }

            result.Add(deficiency);
        }

        return result;
    }

    /// <summary>An optional array field, copied; anything but an array is refused.</summary>
    public static JsonArray? OptionalArray(JsonObject payload, string field) => payload[field] switch
    {
        null => null,
        JsonArray items => (JsonArray)items.DeepClone(),
        _ => throw Invalid(field, "must be an array."),
    };

    public static StimulusRejectedException Invalid(string field, string problem) => new(new InvalidPayload(field, problem));
}
