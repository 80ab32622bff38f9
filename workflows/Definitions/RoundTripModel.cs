using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows.Definitions;

/// <summary>
/// A definition part that keeps the properties it does not declare, so a definition the studio (or a newer Elsa)
/// wrote comes back out with everything it went in with.
/// </summary>
public abstract class RoundTripModel : IJsonOnDeserialized, IJsonOnSerializing
{
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
