using System.Text.Json.Nodes;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Definitions;
using ServiceHall.Workflows.Expressions;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>What a trial of one activity found: each input's value, or the input whose expression failed and why.</summary>
public sealed record ActivityTrialResult(
    string ActivityId, string ActivityType, IReadOnlyDictionary<string, JsonNode?> Inputs, string? FailedInput, string? Failure)
{
    public bool Faulted => Failure is not null;
}

/// <summary>
/// The studio's activity "Test" tab: evaluates one activity's inputs as the interpreter would when the activity runs —
/// the same sandbox and limits, the definition's variables at their initial values, an empty workflow input, a fixed
/// clock and seed — without starting a case, waiting on a step or producing any effect. A designer sees what a script
/// yields, or where it fails, before publishing.
/// </summary>
public sealed class ActivityTrial(ActivityRegistry registry, ScriptLimits? limits = null)
{
    private readonly ExpressionEvaluator _evaluator = new(new JavaScriptSandbox(limits ?? ScriptLimits.Default));

    /// <returns>Null when the definition has no activity with that id.</returns>
    public ActivityTrialResult? Run(WorkflowDefinition definition, string activityId, DateTimeOffset now)
    {
        var node = definition.Activities.FirstOrDefault(a => a.Id == activityId);
        if (node is null)
        {
            return null;
        }

        var variables = definition.Variables.ToDictionary(v => v.Name, InitialValue, StringComparer.Ordinal);
        var namesById = definition.Variables.Where(v => v.Id.Length > 0).GroupBy(v => v.Id)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var scope = new ExpressionScope(variables, namesById, [], now, RandomSeed: 1);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var input in registry.FindDescriptor(node.Type)?.Inputs ?? [])
        {
            if (!input.IsWrapped)
            {
                // A reference such as SetVariable's target, stored as it is and never evaluated.
                if (node.Properties[input.PropertyName] is { } raw)
                {
                    values[input.PropertyName] = raw.DeepClone();
                }

                continue;
            }

            if (WrappedInput.Read(node, input.PropertyName) is not { } source)
            {
                continue;
            }

            try
            {
                values[input.PropertyName] = _evaluator.Evaluate(source, input.TypeName, scope);
            }
            catch (ExpressionException failure)
            {
                return new ActivityTrialResult(node.Id, node.Type, values, input.PropertyName, failure.Message);
            }
        }

        return new ActivityTrialResult(node.Id, node.Type, values, null, null);
    }

    private static JsonNode? InitialValue(VariableDefinition variable)
    {
        try
        {
            return ValueCoercion.FromLiteral(variable.Value, variable.TypeName);
        }
        catch (ExpressionException)
        {
            return variable.Value?.DeepClone();
        }
    }
}
