using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Activities.Builtins;

/// <summary><c>Elsa.SetVariable</c>: stores a value in a workflow variable.</summary>
/// <remarks>Elsa stores the target as a plain (unwrapped) variable reference <c>{id, name, ...}</c>.</remarks>
public sealed class SetVariableActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        TypeName = Definitions.BuiltinTypes.SetVariable, Namespace = "Elsa", Name = "SetVariable", Category = "Primitives",
        DisplayName = "Set Variable", Description = "Assign a value to a workflow variable.",
        Inputs =
        [
            DescriptorParts.Typed("Variable", "Variable", "Variable", "The variable to assign.", uiHint: UiHints.VariablePicker) with { IsWrapped = false },
            DescriptorParts.Typed("Value", "Object", "Value", "The value to assign.", order: 1, defaultSyntax: "JavaScript"),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var target = context.Node.Properties["variable"] switch
        {
            JsonObject reference => Text(reference["id"]) ?? Text(reference["name"]),
            var other => Text(other),
        } ?? throw context.Fault("No variable is chosen.");

        context.SetVariable(target, context.ConvertForVariable(target, context.Evaluate("Value")));
        return ActivityResult.Done;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
