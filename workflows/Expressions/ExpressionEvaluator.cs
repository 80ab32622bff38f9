using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Workflows.Expressions;

/// <summary>The data an expression can read, and the variables a script may change.</summary>
/// <param name="VariableNamesById">Lets a <c>Variable</c> expression refer to a variable by id, as the studio does.</param>
public sealed record ExpressionScope(
    Dictionary<string, JsonNode?> Variables,
    IReadOnlyDictionary<string, string> VariableNamesById,
    JsonObject Input,
    DateTimeOffset Now,
    uint RandomSeed);

/// <summary>Evaluates the expression kinds Elsa stores: Literal, Object, Variable, Input and JavaScript.</summary>
public sealed class ExpressionEvaluator(JavaScriptSandbox sandbox)
{
    /// <exception cref="ExpressionException">The expression failed or its kind is not supported.</exception>
    public JsonNode? Evaluate(ExpressionSource source, string? typeName, ExpressionScope scope) => source.Kind switch
    {
        ExpressionKinds.Literal => ValueCoercion.FromLiteral(source.Value, typeName),
        ExpressionKinds.Object => ParseObject(source.Value),
        ExpressionKinds.Variable => ReadVariable(source.Value, scope),
        ExpressionKinds.Input => ReadInput(source.Value, scope),
        ExpressionKinds.JavaScript => ValueCoercion.FromScript(RunScript(source.Value, scope), typeName),
        _ => throw new ExpressionException($"Expression kind '{source.Kind}' is not supported."),
    };

    private JsonNode? RunScript(JsonNode? value, ExpressionScope scope)
    {
        var script = AsText(value);
        if (string.IsNullOrWhiteSpace(script))
        {
            return null;
        }

        // The sandbox reads the variables as text and writes the script's values back only when it succeeds.
        return sandbox.Evaluate(script, new ScriptGlobals(scope.Variables, scope.Input, scope.Now, scope.RandomSeed));
    }

    private static JsonNode? ParseObject(JsonNode? value)
    {
        if (value is JsonValue scalar && scalar.TryGetValue(out string? text))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new ExpressionException($"Object expression is not valid JSON: {ex.Message}", ex);
            }
        }

        return value?.DeepClone();
    }

    private static JsonNode? ReadVariable(JsonNode? reference, ExpressionScope scope)
    {
        var key = reference switch
        {
            JsonObject obj => AsText(obj["id"]) ?? AsText(obj["name"]),
            _ => AsText(reference),
        };
        if (key is null)
        {
            throw new ExpressionException("Variable expression names no variable.");
        }

        var name = scope.VariableNamesById.GetValueOrDefault(key, key);
        return scope.Variables.TryGetValue(name, out var node)
            ? node?.DeepClone()
            : throw new ExpressionException($"Variable '{key}' is not defined.");
    }

    private static JsonNode? ReadInput(JsonNode? reference, ExpressionScope scope)
    {
        var name = AsText(reference) ?? throw new ExpressionException("Input expression names no input.");
        return scope.Input[name]?.DeepClone();
    }

    private static string? AsText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
