using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// JSON as the studio's client reads it: camelCase (its reader is case-sensitive), enums by name, and nulls left out,
/// because a null where it expects a collection or an object crashes it.
/// </summary>
public static class ElsaJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static IResult Ok(JsonNode body) => TypedResults.Content(body.ToJsonString(Options), "application/json; charset=utf-8");

    public static IResult Ok<T>(T body) => TypedResults.Content(JsonSerializer.Serialize(body, Options), "application/json; charset=utf-8");

    /// <summary><c>{"items": [...], "count": n}</c>, Elsa's list response.</summary>
    public static IResult List(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray([.. items]);
        return Ok(new JsonObject { ["items"] = array, ["count"] = array.Count });
    }

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
