using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Workflows.Tests.Support;

/// <summary>Writes small flowcharts in the Elsa JSON shape for tests, then reads them back like any stored definition.</summary>
internal sealed class FlowchartBuilder
{
    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];
    private readonly JsonArray _variables = [];

    public FlowchartBuilder Add(string id, string type, object? inputs = null)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id };
        if (inputs is not null)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(inputs, WorkflowJson.Options)!.AsObject().ToList())
            {
                activity[name] = value?.DeepClone();
            }
        }

        _activities.Add(activity);
        return this;
    }

    public FlowchartBuilder Connect(string source, string port, string target)
    {
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = Ports.In },
        });
        return this;
    }

    public FlowchartBuilder Variable(string name, string typeName = "Object", string? value = null)
    {
        _variables.Add(new JsonObject { ["id"] = $"var-{name}", ["name"] = name, ["typeName"] = typeName, ["value"] = value });
        return this;
    }

    public WorkflowDefinition Build(string definitionId = "test-flow") => WorkflowJson.Parse(new JsonObject
    {
        ["id"] = $"{definitionId}-v1",
        ["definitionId"] = definitionId,
        ["version"] = 1,
        ["variables"] = _variables.DeepClone(),
        ["root"] = new JsonObject
        {
            ["id"] = "root", ["type"] = BuiltinTypes.Flowchart, ["version"] = 1,
            ["activities"] = _activities.DeepClone(), ["connections"] = _connections.DeepClone(),
        },
    }.ToJsonString());

    public static JsonObject Expression(string typeName, string kind, JsonNode? value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = kind, ["value"] = value } };

    public static JsonObject Literal(string typeName, JsonNode? value) => Expression(typeName, "Literal", value);

    public static JsonObject JavaScript(string typeName, string script) => Expression(typeName, "JavaScript", script);
}
