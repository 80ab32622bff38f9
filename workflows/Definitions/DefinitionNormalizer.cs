using System.Text.Json.Nodes;
using ServiceHall.Workflows.Activities;

namespace ServiceHall.Workflows.Definitions;

/// <summary>Fills in what the studio leaves out, in place, so stored definitions always open and run.</summary>
/// <remarks>Order and content follow the compat notes §2.8: default collections, node ids, input type names.</remarks>
public static class DefinitionNormalizer
{
    public const string WorkflowNodeIdPrefix = "Workflow1";

    public static void Normalize(WorkflowDefinition definition, ActivityRegistry registry)
    {
        definition.Root ??= new ActivityNode { Id = "Flowchart1", Type = BuiltinTypes.Flowchart, Name = "Flowchart1" };
        var root = definition.Root;
        if (root.Type == BuiltinTypes.Flowchart)
        {
            root.Activities ??= [];
            root.Connections ??= [];
            root.Variables ??= [];
        }

        FillNodeIds(root, WorkflowNodeIdPrefix);
        foreach (var activity in Walk(root))
        {
            FillTypeNames(activity, registry.FindDescriptor(activity.Type));
        }
    }

    private static void FillNodeIds(ActivityNode node, string parentNodeId)
    {
        if (string.IsNullOrEmpty(node.NodeId))
        {
            node.NodeId = $"{parentNodeId}:{node.Id}";
        }

        foreach (var child in node.Activities ?? [])
        {
            FillNodeIds(child, node.NodeId);
        }
    }

    // The studio sends "typeName": null for inputs first edited in the UI; the descriptor knows the type.
    private static void FillTypeNames(ActivityNode node, ActivityDescriptor? descriptor)
    {
        if (descriptor is null)
        {
            return;
        }

        var typed = descriptor.Inputs.Where(input => input.IsWrapped).Select(input => (input.PropertyName, input.TypeName))
            .Concat(descriptor.Outputs.Select(output => (output.PropertyName, output.TypeName)));
        foreach (var (property, typeName) in typed)
        {
            if (node.Properties[property] is JsonObject wrapped && wrapped["typeName"] is null)
            {
                wrapped["typeName"] = typeName;
            }
        }
    }

    private static IEnumerable<ActivityNode> Walk(ActivityNode node)
    {
        yield return node;
        foreach (var descendant in (node.Activities ?? []).SelectMany(Walk))
        {
            yield return descendant;
        }
    }
}

/// <summary>Type names of the Elsa built-ins this engine runs.</summary>
public static class BuiltinTypes
{
    public const string Start = "Elsa.Start";
    public const string End = "Elsa.End";
    public const string Flowchart = "Elsa.Flowchart";
    public const string FlowDecision = "Elsa.FlowDecision";
    public const string FlowFork = "Elsa.FlowFork";
    public const string FlowJoin = "Elsa.FlowJoin";
    public const string SetVariable = "Elsa.SetVariable";
    public const string Delay = "Elsa.Delay";
}
