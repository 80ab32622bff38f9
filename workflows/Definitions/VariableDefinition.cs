using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Definitions;

/// <summary>A workflow variable: activities bind outputs to it and expressions read it.</summary>
public sealed class VariableDefinition : IJsonOnDeserialized, IJsonOnSerializing
{
    public string Id { get; set => field = value ?? ""; } = "";
    public string Name { get; set => field = value ?? ""; } = "";
    public string? TypeName { get; set; }
    public bool IsArray { get; set; }

    /// <summary>Initial value; the studio writes a string, seed data may hold any JSON value.</summary>
    public JsonNode? Value { get; set; }

    public string? StorageDriverTypeName { get; set; }

    /// <summary>Properties this model does not declare, kept for the round trip.</summary>
    [JsonIgnore]
    public JsonObject Extra { get; set => field = value ?? []; } = [];

    [JsonExtensionData, JsonInclude]
    private Dictionary<string, JsonElement>? SerializedExtras { get; set; }

    void IJsonOnDeserialized.OnDeserialized()
    {
        Extra = ExtensionData.ToObject(SerializedExtras);
        SerializedExtras = null;
    }

    void IJsonOnSerializing.OnSerializing() => SerializedExtras = ExtensionData.ToElements(Extra);
}
