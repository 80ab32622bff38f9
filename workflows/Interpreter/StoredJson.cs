using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Workflows.Interpreter;

/// <summary>
/// Keeps JSON written into a workflow state reading the same in memory as after the state is stored and loaded.
/// A value an activity writes (<c>data["round"] = 2</c>) is a typed CLR value that answers only to its own type
/// (<c>TryGetValue(out double)</c> fails on an <c>int</c>, a <c>DateTimeOffset</c> is no string), while the loaded
/// state holds parsed JSON that answers to every type it can be read as. Only what a run writes passes through here;
/// values that already hold parsed JSON are kept as they are.
/// </summary>
internal static class StoredJson
{
    /// <summary>A deep copy in stored form (parsed values kept, typed values replaced by their JSON).</summary>
    public static JsonNode? Copy(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Copy(p.Value))), obj.Options),
        JsonArray items => new JsonArray(items.Select(Copy).ToArray()),
        _ => Stored((JsonValue)node),
    };

    /// <summary>Replaces, in place, every typed value under <paramref name="node"/> by its stored form.</summary>
    public static void Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && !IsParsed(value))
                    {
                        obj[name] = Stored(value);
                    }
                    else
                    {
                        Normalize(child);
                    }
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonValue value && !IsParsed(value))
                    {
                        items[i] = Stored(value);
                    }
                    else
                    {
                        Normalize(items[i]);
                    }
                }

                break;
        }
    }

    private static bool IsParsed(JsonValue value) => value.TryGetValue(out JsonElement _);

    private static JsonNode? Stored(JsonValue value)
    {
        // A parsed value is immutable: the copy can share its element.
        var element = value.TryGetValue(out JsonElement parsed) ? parsed : JsonSerializer.SerializeToElement<JsonNode>(value, WorkflowJson.Options);
        return element.ValueKind switch
        {
            // A value wrapping a whole object or list: spelled out as nodes, as loading would.
            JsonValueKind.Object => Copy(JsonObject.Create(element)),
            JsonValueKind.Array => Copy(JsonArray.Create(element)),
            JsonValueKind.Null => null,
            _ => JsonValue.Create(element),
        };
    }
}
