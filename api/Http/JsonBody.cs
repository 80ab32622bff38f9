using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ServiceHall.Api.Http;

/// <summary>
/// Reads a JSON request body ourselves, so a syntax error or a wrong type answers 400 naming the field (JSON path)
/// instead of the framework's generic binding failure.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, bool emptyIsObject = false)
        where T : class
    {
        var (node, problem) = await ReadObjectAsync(request, emptyIsObject);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return (node.Deserialize<T>(Options), null);
        }
        catch (JsonException exception)
        {
            return (null, Problems.BadRequest(FieldOf(exception.Path), $"Wrong type or value: {exception.Message}"));
        }
    }

    public static async Task<(JsonObject Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, bool emptyIsObject = false)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (string.IsNullOrWhiteSpace(text))
        {
            return emptyIsObject ? ([], null) : ([], Problems.BadRequest("body", "A JSON object body is required."));
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject body
                ? (body, null)
                : ([], Problems.BadRequest("body", "The body must be a JSON object."));
        }
        catch (JsonException exception)
        {
            return ([], Problems.BadRequest("body", $"Malformed JSON at line {exception.LineNumber + 1}, position {exception.BytePositionInLine}."));
        }
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
