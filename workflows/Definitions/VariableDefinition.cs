using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Definitions;

/// <summary>A workflow variable: activities bind outputs to it and expressions read it.</summary>
public sealed class VariableDefinition : RoundTripModel
{
    public string Id { get; set => field = value ?? ""; } = "";
    public string Name { get; set => field = value ?? ""; } = "";
    public string? TypeName { get; set; }
    public bool IsArray { get; set; }

    /// <summary>Initial value; the studio writes a string, seed data may hold any JSON value.</summary>
    public JsonNode? Value { get; set; }

    public string? StorageDriverTypeName { get; set; }
}
