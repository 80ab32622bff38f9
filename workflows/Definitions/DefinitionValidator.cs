using System.Text.Json.Nodes;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Expressions;

namespace ServiceHall.Workflows.Definitions;

/// <summary>The publish-time checks: every problem found, each naming its activity; never an exception.</summary>
public static class DefinitionValidator
{
    public static IReadOnlyList<DefinitionError> Validate(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var errors = new List<DefinitionError>();
        var root = definition.Root;
        if (root is null || root.Type != BuiltinTypes.Flowchart)
        {
            errors.Add(DefinitionError.Of(root?.Id, "definition.rootNotFlowchart", $"The root must be an {BuiltinTypes.Flowchart}; found '{root?.Type ?? "nothing"}'.", ("type", root?.Type ?? "—")));
            return errors;
        }

        var activities = root.Activities ?? [];
        var byId = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                errors.Add(DefinitionError.Of(null, "definition.activityWithoutId", $"An activity of type '{activity.Type}' has no id.", ("type", activity.Type)));
            }
            else if (!byId.TryAdd(activity.Id, activity))
            {
                errors.Add(DefinitionError.Of(activity.Id, "definition.duplicateId", "The id is used by more than one activity."));
            }

            CheckActivity(activity, registry, errors);
        }

        CheckStart(activities, errors);
        CheckConnections(root.Connections ?? [], byId, registry, errors);
        CheckVariables(definition, errors);
        return errors;
    }

    private static void CheckActivity(ActivityNode activity, ActivityRegistry registry, List<DefinitionError> errors)
    {
        var descriptor = registry.FindDescriptor(activity.Type);
        if (descriptor is null)
        {
            errors.Add(DefinitionError.Of(activity.Id, "definition.unknownType", $"Unknown activity type '{activity.Type}'.", ("type", activity.Type)));
            return;
        }

        if (descriptor.IsContainer)
        {
            errors.Add(DefinitionError.Of(activity.Id, "definition.nestedNotSupported", $"Nested {activity.Type} activities are not supported.", ("type", activity.Type)));
        }

        foreach (var input in descriptor.Inputs.Where(input => input.IsWrapped))
        {
            if (WrappedInput.Read(activity, input.PropertyName) is { } source)
            {
                CheckExpression(activity, input, source, errors);
            }
        }

        if (activity.Type == BuiltinTypes.FlowJoin && WrappedInput.Read(activity, "mode") is { Kind: ExpressionKinds.Literal } mode
            && mode.Value is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrEmpty(text) && text != "WaitAll")
        {
            errors.Add(DefinitionError.Of(activity.Id, "definition.joinMode", $"Join mode '{text}' is not supported; only WaitAll is.", ("mode", text)));
        }
    }

    private static void CheckExpression(ActivityNode activity, InputDescriptor input, ExpressionSource source, List<DefinitionError> errors)
    {
        if (!ExpressionKinds.Supported.Contains(source.Kind))
        {
            errors.Add(DefinitionError.Of(activity.Id, "definition.expressionKind", $"Input '{input.Name}' uses expression kind '{source.Kind}', which is not supported.", ("input", input.Name), ("kind", source.Kind)));
            return;
        }

        var text = source.Value is JsonValue value && value.TryGetValue(out string? s) ? s : null;
        if (source.Kind == ExpressionKinds.JavaScript && text is not null && JavaScriptSandbox.CompileError(text) is { } problem)
        {
            errors.Add(DefinitionError.Of(activity.Id, "definition.scriptDoesNotCompile", $"The script of input '{input.Name}' does not compile: {problem}", ("input", input.Name), ("problem", problem)));
        }

        if (source.Kind == ExpressionKinds.Object && !string.IsNullOrWhiteSpace(text))
        {
            try
            {
                JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException ex)
            {
                errors.Add(DefinitionError.Of(activity.Id, "definition.inputNotJson", $"Input '{input.Name}' is not valid JSON: {ex.Message}", ("input", input.Name)));
            }
        }
    }

    private static void CheckStart(IReadOnlyList<ActivityNode> activities, List<DefinitionError> errors)
    {
        var starts = activities.Where(a => a.Type == BuiltinTypes.Start).ToList();
        if (starts.Count == 0)
        {
            errors.Add(DefinitionError.Of(null, "definition.noStart", $"The flowchart has no {BuiltinTypes.Start} activity."));
        }
        else if (starts.Count > 1)
        {
            errors.AddRange(starts.Skip(1).Select(s => DefinitionError.Of(s.Id, "definition.oneStart", $"Only one {BuiltinTypes.Start} activity is allowed.")));
        }
    }

    private static void CheckConnections(IReadOnlyList<Connection> connections, Dictionary<string, ActivityNode> byId, ActivityRegistry registry, List<DefinitionError> errors)
    {
        foreach (var connection in connections)
        {
            if (!byId.TryGetValue(connection.Source.Activity, out var source))
            {
                errors.Add(DefinitionError.Of(connection.Source.Activity, "definition.connectionFromNowhere", $"Connection {connection} starts at an activity that does not exist.", ("connection", connection)));
                continue;
            }

            if (!byId.TryGetValue(connection.Target.Activity, out var target))
            {
                errors.Add(DefinitionError.Of(source.Id, "definition.connectionToNowhere", $"Connection {connection} leads to an activity that does not exist.", ("connection", connection)));
                continue;
            }

            var descriptor = registry.FindDescriptor(source.Type);
            var dynamicPorts = source.Type == BuiltinTypes.FlowFork;
            if (descriptor is not null && !dynamicPorts && !descriptor.OutcomeNames.Contains(connection.SourcePort))
            {
                errors.Add(DefinitionError.Of(source.Id, "definition.unknownPort", $"Connection {connection} starts at port '{connection.SourcePort}', which {source.Type} does not have ({string.Join(", ", descriptor.OutcomeNames)}).", ("port", connection.SourcePort), ("type", source.Type), ("ports", string.Join(", ", descriptor.OutcomeNames))));
            }

            if (registry.FindDescriptor(target.Type) is { IsStart: true })
            {
                errors.Add(DefinitionError.Of(target.Id, "definition.connectionIntoStart", $"Connection {connection} leads into a start activity, which has no in-port.", ("connection", connection)));
            }
        }
    }

    private static void CheckVariables(WorkflowDefinition definition, List<DefinitionError> errors)
    {
        foreach (var group in definition.Variables.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(DefinitionError.Of(null, "definition.variableTwice", $"Variable name '{group.Key}' is used more than once.", ("name", group.Key)));
        }

        foreach (var variable in definition.Variables.Where(v => string.IsNullOrWhiteSpace(v.Name)))
        {
            errors.Add(DefinitionError.Of(null, "definition.variableWithoutName", $"Variable '{variable.Id}' has no name."));
        }
    }
}
