using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Workflows.Expressions;

/// <summary>An entry of the studio's <c>GET /descriptors/expression-descriptors</c>.</summary>
public sealed record ExpressionDescriptor(string Type, string DisplayName, bool IsSerializable, bool IsBrowsable, JsonObject Properties);

/// <summary>The expression kinds the engine evaluates, as the studio's syntax menu lists them.</summary>
public static class ExpressionDescriptors
{
    // The studio's expression editor needs at least one kind besides Literal/Object/Variable/Input (compat §5.6).
    public static IReadOnlyList<ExpressionDescriptor> All { get; } =
    [
        new(ExpressionKinds.Literal, "Literal", true, false, []),
        new(ExpressionKinds.Object, "Object", true, false, []),
        new(ExpressionKinds.Variable, "Variable", true, true, []),
        new(ExpressionKinds.Input, "Input", true, false, []),
        new(ExpressionKinds.JavaScript, "JavaScript", true, true, new JsonObject { ["MonacoLanguage"] = "javascript" }),
    ];
}

/// <summary>An entry of <c>GET /descriptors/variables</c>: the variable types a designer may pick.</summary>
public sealed record VariableTypeDescriptor(string TypeName, string DisplayName, string Category, string? Description = null);

public static class VariableTypeDescriptors
{
    public static IReadOnlyList<VariableTypeDescriptor> All { get; } =
    [
        new("String", "String", "Primitives"),
        new("Boolean", "Boolean", "Primitives"),
        new("Int32", "Int32", "Primitives"),
        new("Double", "Double", "Primitives"),
        new("TimeSpan", "TimeSpan", "Primitives"),
        new("DateTimeOffset", "DateTimeOffset", "Primitives"),
        new("Object", "Object", "Primitives", "Any JSON value."),
        new("String[]", "String[]", "Collections"),
    ];
}
