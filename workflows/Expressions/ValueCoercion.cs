using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Expressions;

/// <summary>
/// Turns stored values into the JSON value a descriptor's <c>typeName</c> asks for. The studio writes literals as
/// strings (<c>"True"</c>, <c>"42"</c>); seed data writes JSON primitives; both must come out the same.
/// </summary>
internal static class ValueCoercion
{
    private static readonly HashSet<string> NumberTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Int16", "Int32", "Int64", "Byte", "Single", "Double", "Decimal", "Number", "Float",
    };

    /// <remarks>Numbers come back backed by JSON text, so they read as any numeric type, as they will after storage.</remarks>
    public static JsonNode? FromLiteral(JsonNode? value, string? typeName)
    {
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue scalar && scalar.TryGetValue(out string? text))
        {
            return FromText(text, typeName);
        }

        if (IsBoolean(typeName) && value is JsonValue number && number.TryGetValue(out double numeric))
        {
            return JsonValue.Create(numeric != 0);
        }

        if (IsString(typeName) && value is JsonValue primitive)
        {
            return JsonValue.Create(primitive.ToJsonString());
        }

        return value.DeepClone();
    }

    /// <summary>Script results keep their JSON type, except where a Boolean is wanted: then JavaScript truthiness applies.</summary>
    public static JsonNode? FromScript(JsonNode? value, string? typeName) =>
        IsBoolean(typeName) ? JsonValue.Create(IsTruthy(value)) : value;

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue(out bool flag) => flag,
        JsonValue v when v.TryGetValue(out double number) => number != 0 && !double.IsNaN(number),
        JsonValue v when v.TryGetValue(out string? text) => text.Length > 0,
        _ => true,
    };

    private static JsonNode? FromText(string text, string? typeName)
    {
        if (IsBoolean(typeName))
        {
            if (text.Length == 0)
            {
                return null;
            }

            return bool.TryParse(text.Trim(), out var flag)
                ? JsonValue.Create(flag)
                : throw new ExpressionException($"'{text}' is not a Boolean (True or False).");
        }

        if (typeName is not null && NumberTypes.Contains(typeName))
        {
            if (text.Length == 0)
            {
                return null;
            }

            return decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture))
                : throw new ExpressionException($"'{text}' is not a number ({typeName}).");
        }

        if (!IsString(typeName) && LooksLikeJson(text))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return JsonValue.Create(text);
    }

    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('{') || trimmed.StartsWith('[');
    }

    private static bool IsBoolean(string? typeName) => string.Equals(typeName, "Boolean", StringComparison.OrdinalIgnoreCase);

    private static bool IsString(string? typeName) => string.Equals(typeName, "String", StringComparison.OrdinalIgnoreCase);
}
