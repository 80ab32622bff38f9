using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceHall.Grains.Definitions;

namespace ServiceHall.Grains.Tests.Definitions;

/// <summary>Definition documents in the shape the studio posts, and checks on what the grain stored.</summary>
internal static class TestDefinitions
{
    public static string NewKey() => "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Start → End, valid for publishing; no ids, as the studio's "Create workflow" sends it.</summary>
    public static JsonObject StartToEnd(string name = "Start to end") => new()
    {
        ["id"] = null,
        ["definitionId"] = null,
        ["name"] = name,
        ["description"] = "A definition written for the tests.",
        ["toolVersion"] = "3.8.0.0",
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = false,
        ["root"] = new JsonObject
        {
            ["id"] = "fc01",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["name"] = "Flowchart1",
            ["activities"] = new JsonArray(Activity("a-start", "Elsa.Start"), Activity("a-end", "Elsa.End")),
            ["connections"] = new JsonArray(Connect("a-start", "Done", "a-end")),
        },
    };

    public static JsonObject Activity(string id, string type) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["version"] = 1,
        ["name"] = id,
        ["customProperties"] = new JsonObject(),
        ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 10.5, ["y"] = 20 } } },
    };

    public static JsonObject Connect(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    public static JsonObject Root(this JsonObject definition) => definition["root"]!.AsObject();

    public static JsonArray Activities(this JsonObject definition) => definition.Root()["activities"]!.AsArray();

    public static string Json(this JsonObject definition) => definition.ToJsonString();

    public static JsonObject Document(this DefinitionVersion version) => JsonNode.Parse(version.Json)!.AsObject();

    /// <summary>The stored JSON carries the same identity and flags as the version record.</summary>
    public static void AssertJsonInStep(DefinitionVersion version)
    {
        var json = version.Document();
        Assert.Equal(version.Id, (string?)json["id"]);
        Assert.Equal(version.DefinitionId, (string?)json["definitionId"]);
        Assert.Equal(version.Version, (int?)json["version"]);
        Assert.Equal(version.IsLatest, (bool?)json["isLatest"]);
        Assert.Equal(version.IsPublished, (bool?)json["isPublished"]);
        Assert.Equal(version.CreatedAt, json["createdAt"]!.Deserialize<DateTimeOffset>());
    }

    /// <summary>Versions as (version, isLatest, isPublished), oldest first, each checked against its JSON.</summary>
    public static async Task<(int Version, bool IsLatest, bool IsPublished)[]> FlagsAsync(this IWorkflowDefinitionGrain grain)
    {
        var versions = await grain.GetVersionsAsync();
        foreach (var version in versions)
        {
            AssertJsonInStep(version);
        }

        return [.. versions.Select(v => (v.Version, v.IsLatest, v.IsPublished))];
    }

    /// <summary>The edit as the studio posts it: carrying the id, version and flags of the version it was opened from.</summary>
    public static JsonObject AsEdited(this JsonObject definition, DefinitionVersion openedFrom)
    {
        definition["id"] = openedFrom.Id;
        definition["definitionId"] = openedFrom.DefinitionId;
        definition["version"] = openedFrom.Version;
        definition["isLatest"] = openedFrom.IsLatest;
        definition["isPublished"] = openedFrom.IsPublished;
        return definition;
    }
}
