using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Definitions;

/// <summary>An activity as stored in a definition: the flowchart root or one of its nodes.</summary>
/// <remarks>
/// Inputs and output bindings live beside the fixed fields under the camelCased descriptor names, so they land in
/// <see cref="Properties"/> together with anything unknown; that keeps every studio edit intact on a round trip.
/// </remarks>
public sealed class ActivityNode : IJsonOnDeserialized, IJsonOnSerializing
{
    public string Id { get; set => field = value ?? ""; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NodeId { get; set; }
    public string Type { get; set => field = value ?? ""; } = "";
    public int Version { get; set; } = 1;
    public string? Name { get; set; }
    public JsonObject CustomProperties { get; set => field = value ?? []; } = [];

    /// <summary>Designer data (position, size, display text); never interpreted, always written back.</summary>
    public JsonObject Metadata { get; set => field = value ?? []; } = [];

    /// <summary>Children of a flowchart; null for other activities.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ActivityNode>? Activities { get; set; }

    /// <summary>Connections of a flowchart; null for other activities.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Connection>? Connections { get; set; }

    /// <summary>Flowchart-local variables (the studio edits the definition's variables instead).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? Variables { get; set; }

    [JsonIgnore]
    public JsonObject Properties { get; set => field = value ?? []; } = [];

    [JsonExtensionData, JsonInclude]
    private Dictionary<string, JsonElement>? SerializedExtras { get; set; }

    void IJsonOnDeserialized.OnDeserialized()
    {
        Properties = ExtensionData.ToObject(SerializedExtras);
        SerializedExtras = null;
    }

    void IJsonOnSerializing.OnSerializing() => SerializedExtras = ExtensionData.ToElements(Properties);

    /// <summary>The label a person sees: the designer's display text, else the technical name, else the id.</summary>
    [JsonIgnore]
    public string DisplayText =>
        (Metadata["displayText"] as JsonValue)?.TryGetValue(out string? text) == true && !string.IsNullOrWhiteSpace(text)
            ? text
            : Name ?? Id;

    [JsonIgnore]
    public bool CanStartWorkflow =>
        CustomProperties["canStartWorkflow"] is JsonValue value && value.TryGetValue(out bool flag) && flag;
}
