using System.Text.Json.Nodes;

namespace ServiceHall.Elsa.Tests;

/// <summary>
/// Request bodies exactly as Elsa Studio 3.8.2 sends them (shared/elsa-studio-compat.md §2.8, observed on the wire):
/// a create with null ids, null collections and a root without node id; autosaves whose new inputs have
/// <c>typeName: null</c> and whose checkboxes write <c>"True"</c>.
/// </summary>
public static class StudioRequests
{
    /// <summary>"Create workflow" from the list.</summary>
    public static string Create(string name) => $$"""
        {"model":{"definitionId":null,"name":"{{name}}","description":null,"toolVersion":"3.8.0.0","variables":null,"inputs":null,
        "outputs":null,"outcomes":null,"customProperties":null,"isReadonly":false,"options":null,
        "root":{"id":"9f2c4a1be07d3c55","type":"Elsa.Flowchart","version":1,"name":"Flowchart1"},
        "links":null,"createdAt":"0001-01-01T00:00:00+00:00","version":1,"isLatest":true,"isPublished":false,"id":null},"publish":null}
        """;

    /// <summary>
    /// The designer's autosave after dropping Start, Issue certificate and End, ticking "Issue immediately" and drawing
    /// two connections; built on the document the server returned, as the studio does.
    /// </summary>
    public static JsonObject EditedWithThreeActivities(JsonObject served, bool publish)
    {
        var model = (JsonObject)served.DeepClone();
        model["links"] = null;
        var root = model["root"]!.AsObject();
        var rootNodeId = root["nodeId"]!.GetValue<string>();
        root["activities"] = JsonNode.Parse("""
            [
              {"id":"a1f0c2d3e4b5a697","nodeId":"ROOT:a1f0c2d3e4b5a697","type":"Elsa.Start","version":1,"name":"Start1",
               "metadata":{"designer":{"position":{"x":-120.5,"y":40},"size":{"width":102.36,"height":50}}}},
              {"id":"b2e1d3c4f5a6b798","nodeId":"ROOT:b2e1d3c4f5a6b798","type":"ServiceHall.IssueCertificate","version":1,"name":"IssueCertificate1",
               "customProperties":{},
               "metadata":{"designer":{"position":{"x":120,"y":40},"size":{"width":210.5,"height":50}}},
               "automatic":{"typeName":null,"expression":{"type":"Literal","value":"True"},"memoryReference":null},
               "form":{"typeName":null,"expression":{"type":"Literal","value":"electronic"},"memoryReference":null}},
              {"id":"c3f2e4d5a6b7c8d9","nodeId":"ROOT:c3f2e4d5a6b7c8d9","type":"Elsa.End","version":1,"name":"End1",
               "metadata":{"designer":{"position":{"x":420,"y":40},"size":{"width":92.1,"height":50}}}}
            ]
            """.Replace("ROOT", rootNodeId, StringComparison.Ordinal));
        root["connections"] = JsonNode.Parse("""
            [
              {"source":{"activity":"a1f0c2d3e4b5a697","port":"Done"},"target":{"activity":"b2e1d3c4f5a6b798","port":"In"},"vertices":[]},
              {"source":{"activity":"b2e1d3c4f5a6b798","port":"Issued"},"target":{"activity":"c3f2e4d5a6b7c8d9","port":"In"},"vertices":[]}
            ]
            """);
        return new JsonObject { ["model"] = model, ["publish"] = publish };
    }

    /// <summary>An autosave of <paramref name="served"/> as it stands (the studio posts the whole definition on every edit).</summary>
    public static JsonObject Resave(JsonNode served, bool publish = false)
    {
        var model = served.DeepClone().AsObject();
        model["links"] = null;
        return new JsonObject { ["model"] = model, ["publish"] = publish };
    }

    public static JsonArray Activities(JsonNode definition) => definition["root"]!["activities"]!.AsArray();

    public static JsonNode Activity(JsonNode definition, string id) =>
        Activities(definition).Single(a => a!["id"]!.GetValue<string>() == id)!;

    public static IEnumerable<string> Rels(JsonNode? links) =>
        links?.AsArray().Select(l => l!["rel"]!.GetValue<string>()) ?? [];
}
