using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceHall.Workflows.Definitions;

/// <summary>
/// Carries properties a model class does not declare through serialization. The model exposes them as a
/// <see cref="JsonObject"/>, but serializes them through a <see cref="JsonElement"/> dictionary: System.Text.Json
/// 10 writes a <see cref="JsonObject"/> extension-data member as a nested object without a name, which is not JSON.
/// </summary>
internal static class ExtensionData
{
    public static JsonObject ToObject(Dictionary<string, JsonElement>? data)
    {
        var result = new JsonObject();
        foreach (var (name, element) in data ?? [])
        {
            result[name] = JsonNode.Parse(element.GetRawText());
        }

        return result;
    }

    public static Dictionary<string, JsonElement>? ToElements(JsonObject properties) =>
        properties.Count == 0
            ? null
            : properties.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal);
}
