using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Definitions;

/// <summary>An expression as stored in a wrapped input: <c>{"type": kind, "value": text-or-json}</c>.</summary>
public sealed record ExpressionSource(string Kind, JsonNode? Value);

/// <summary>Reads the two value shapes an activity property can have: wrapped inputs and output bindings.</summary>
public static class WrappedInput
{
    /// <summary>
    /// The expression stored under <paramref name="propertyName"/>, or null when the input is not set. A bare JSON
    /// value (seed data, or an input whose descriptor is not wrapped) reads as a literal.
    /// </summary>
    public static ExpressionSource? Read(ActivityNode node, string propertyName)
    {
        var raw = node.Properties[propertyName];
        return raw switch
        {
            null => null,
            JsonObject wrapped when wrapped.ContainsKey("expression") => ReadExpression(wrapped["expression"]),
            _ => new ExpressionSource(ExpressionKinds.Literal, raw),
        };
    }

    /// <summary>The variable id an output binding writes to, or null when the output is not bound.</summary>
    public static string? ReadOutputBinding(ActivityNode node, string propertyName) =>
        node.Properties[propertyName] is JsonObject binding
        && binding["memoryReference"] is JsonObject reference
        && reference["id"] is JsonValue id
        && id.TryGetValue(out string? variableId)
            ? variableId
            : null;

    private static ExpressionSource? ReadExpression(JsonNode? expression) => expression switch
    {
        JsonObject body => new ExpressionSource(
            (body["type"] as JsonValue)?.TryGetValue(out string? kind) == true ? kind! : ExpressionKinds.Literal,
            body["value"]),
        null => null,
        _ => new ExpressionSource(ExpressionKinds.Literal, expression),
    };
}

/// <summary>The expression kinds this engine evaluates, by the names Elsa stores.</summary>
public static class ExpressionKinds
{
    public const string Literal = "Literal";
    public const string Object = "Object";
    public const string Variable = "Variable";
    public const string Input = "Input";
    public const string JavaScript = "JavaScript";

    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        Literal, Object, Variable, Input, JavaScript,
    };
}
