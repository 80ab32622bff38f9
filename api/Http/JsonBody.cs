using System.Text.Json;
using System.Text.Json.Nodes;
using System.Buffers;
using System.IO.Pipelines;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Http;

/// <summary>
/// Reads a JSON request body ourselves, so a syntax error or a wrong type answers 400 naming the field (JSON path)
/// instead of the framework's generic binding failure. The body is read from the request pipe up to the endpoint's
/// limit and parsed from its bytes: never a string of the whole body, never more than the limit in memory.
/// </summary>
public static class JsonBody
{
    /// <summary>A body limit for a request that has none (no server feature, or the limit switched off).</summary>
    public const long DefaultMaxBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>
    /// For a body that is a contract of its own (an action's input): a member the type does not declare is refused like
    /// a wrong type, naming its path, instead of being dropped unread.
    /// </summary>
    public static readonly JsonSerializerOptions StrictOptions = new(Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(
        HttpRequest request, bool emptyIsObject = false, JsonSerializerOptions? options = null)
        where T : class
    {
        var (node, problem) = await ReadObjectAsync(request, emptyIsObject);
        return problem is not null ? (null, problem) : Bind<T>(node, options);
    }

    /// <summary>Binds an already parsed object; a failure is a 400 naming the field's path (<c>deficiencies[1].problem</c>).</summary>
    public static (T? Value, IResult? Problem) Bind<T>(JsonObject node, JsonSerializerOptions? options = null)
        where T : class
    {
        try
        {
            return (node.Deserialize<T>(options ?? Options), null);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            // The serializer's own text names .NET types; say what the caller can act on instead.
            return (null, exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? Problems.BadRequest(FieldError.Of(field, ErrorCodes.FieldUnknown, "is not a field this request takes."))
                : Problems.BadRequest(FieldError.Of(field, ErrorCodes.FieldWrongType, "has the wrong type or value.")));
        }
    }

    public static async Task<(JsonObject Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, bool emptyIsObject = false)
    {
        // The endpoint's limit (EndpointBodyLimits) bounds what is buffered; without one, the JSON command default.
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? DefaultMaxBytes;
        if (!await RequestBodyLimit.ApplyAsync(request.HttpContext, limit))
        {
            // Declared too large: answered without buffering any of it (under Expect: 100-continue it is never sent).
            return ([], EndpointBodyLimits.TooLarge(limit));
        }

        byte[] utf8;
        try
        {
            var bytes = await ReadBoundedAsync(request.BodyReader, limit, request.HttpContext.RequestAborted);
            if (bytes is null)
            {
                return ([], EndpointBodyLimits.TooLarge(limit));
            }

            utf8 = bytes;
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], EndpointBodyLimits.TooLarge(limit));
        }

        return Parse(utf8, emptyIsObject);
    }

    /// <summary>The body as UTF-8 bytes straight from the request pipe, or null once it grows past <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(PipeReader reader, long limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }

            // Keep everything buffered and ask for more.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static (JsonObject Body, IResult? Problem) Parse(byte[] utf8, bool emptyIsObject)
    {
        if (!Utf8.IsValid(utf8))
        {
            return ([], Problems.BadRequest(FieldError.Of("body", ErrorCodes.BodyNotUtf8, "The body is not valid UTF-8.")));
        }

        if (utf8.AsSpan().TrimStart(" \t\r\n"u8).IsEmpty)
        {
            return emptyIsObject ? ([], null) : ([], Problems.BadRequest(FieldError.Of("body", ErrorCodes.BodyRequired, "A JSON object body is required.")));
        }

        try
        {
            if (HasUnpairedSurrogate(utf8))
            {
                return ([], Problems.BadRequest(FieldError.Of("body", ErrorCodes.BodyLoneSurrogate,
                    "A string in the body escapes half of a surrogate pair (\\ud800 alone), which is no Unicode text.")));
            }

            return JsonSerializer.Deserialize<JsonNode>(utf8, JsonSerializerOptions.Default) is JsonObject body
                ? (body, null)
                : ([], Problems.BadRequest(FieldError.Of("body", ErrorCodes.BodyNotObject, "The body must be a JSON object.")));
        }
        catch (JsonException exception)
        {
            return ([], Problems.BadRequest(FieldError.Of("body", ErrorCodes.BodyMalformedJson,
                $"Malformed JSON at line {exception.LineNumber + 1}, position {exception.BytePositionInLine}.",
                ("line", exception.LineNumber + 1), ("position", exception.BytePositionInLine))));
        }
    }

    /// <summary>
    /// An escaped lone surrogate (<c>"\ud800"</c>) parses, but reading it as a string throws later, wherever a handler
    /// happens to read that field; refused here once instead.
    /// </summary>
    private static bool HasUnpairedSurrogate(byte[] utf8)
    {
        // Only an escape (\uXXXX) can spell half a pair (raw UTF-8 was validated above): no backslash, no second pass.
        if (utf8.AsSpan().IndexOf((byte)'\\') < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
