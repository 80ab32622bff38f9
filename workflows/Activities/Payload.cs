using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities;

/// <summary>Minimal checks on action bodies; each failure refuses the stimulus with an <see cref="InvalidPayload"/>.</summary>
public static class Payload
{
    public static string RequiredText(JsonObject payload, string field, string? path = null) =>
        OptionalText(payload, field, path) ?? throw Invalid(path ?? field, "is required.", Rules.Required);

    /// <param name="path">How the field is named in an error, when it sits inside a list.</param>
    public static string? OptionalText(JsonObject payload, string field, string? path = null) => payload[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        _ => throw Invalid(path ?? field, "must be a string.", Rules.NotText),
    };

    /// <summary>An optional boolean; absent is false, anything but true or false is refused.</summary>
    public static bool OptionalFlag(JsonObject payload, string field) => payload[field] switch
    {
        null => false,
        JsonValue value when value.TryGetValue(out bool flag) => flag,
        _ => throw Invalid(field, "must be true or false.", Rules.NotFlag),
    };

    public static string OneOf(JsonObject payload, string field, params string[] allowed)
    {
        var value = RequiredText(payload, field);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new StimulusRejectedException(new InvalidPayload(field, $"must be one of {string.Join(", ", allowed)}.", Rules.OneOf)
            {
                Args = new Dictionary<string, string> { ["allowed"] = string.Join(", ", allowed) },
            });
    }

    /// <summary>The <c>deficiencies</c> of a <c>request-correction</c>: at least one, each naming its problem.</summary>
    public static JsonArray Deficiencies(JsonObject payload)
    {
        if (payload["deficiencies"] is not JsonArray items || items.Count == 0)
        {
            throw Invalid("deficiencies", "at least one deficiency is required.", Rules.AtLeastOne);
        }

        // Every row is checked before refusing, so the clerk sees all unfinished rows at once.
        var result = new JsonArray();
        var problems = new List<InvalidPayload>();
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                if (items[i] is not JsonObject item)
                {
                    throw Invalid($"deficiencies[{i}]", "must be an object {materialCode?, problem}.", Rules.NotObject);
                }

                var deficiency = new JsonObject { ["problem"] = RequiredText(item, "problem", $"deficiencies[{i}].problem") };
                if (OptionalText(item, "materialCode", $"deficiencies[{i}].materialCode") is { } code)
                {
                    deficiency["materialCode"] = code;
                }

                result.Add(deficiency);
            }
            catch (StimulusRejectedException rejected) when (rejected.Error is InvalidPayload invalid)
            {
                problems.Add(invalid);
            }
        }

        return problems.Count == 0 ? result : throw new StimulusRejectedException(problems[0] with { More = problems[1..] });
    }

    /// <summary>An optional array field, copied; anything but an array is refused.</summary>
    public static JsonArray? OptionalArray(JsonObject payload, string field) => payload[field] switch
    {
        null => null,
        JsonArray items => (JsonArray)items.DeepClone(),
        _ => throw Invalid(field, "must be an array.", Rules.NotArray),
    };

    public static StimulusRejectedException Invalid(string field, string problem, string rule = Rules.Invalid) => new(new InvalidPayload(field, problem, rule));

    /// <summary>The error catalogue's codes of the body rules checked here.</summary>
    public static class Rules
    {
        public const string Invalid = "field.invalid";
        public const string Required = "field.required";
        public const string NotText = "field.notText";
        public const string NotFlag = "field.notFlag";
        public const string NotObject = "field.notObject";
        public const string NotArray = "field.notArray";
        public const string OneOf = "field.oneOf";
        public const string AtLeastOne = "field.atLeastOne";
        public const string DateTime = "field.dateTime";
    }
}
