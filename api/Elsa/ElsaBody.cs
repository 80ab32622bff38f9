using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Reads a studio request body leniently where the studio is (nulls mean "not set"; enums by name or number) and
/// strictly where a value is wrong: every wrong field is named, at once, in one 400.
/// </summary>
public sealed class ElsaBody(JsonObject body)
{
    private readonly List<FieldError> _errors = [];

    public IResult? Problem => _errors.Count == 0 ? null : Problems.BadRequest(_errors);

    public string? Text(string key) =>
        body[key] is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    public int? Int(string key, int minimum = 0)
    {
        switch (body[key])
        {
            case null:
                return null;
            case JsonValue value when value.TryGetValue(out int number) && number >= minimum:
                return number;
            default:
                _errors.Add(FieldError.Of(key, "field.wholeNumber", $"'{key}' must be a whole number of at least {minimum}.", ("min", minimum)));
                return null;
        }
    }

    /// <summary>One value of <paramref name="single"/> and the list under <paramref name="many"/>, together; null when neither is set.</summary>
    public IReadOnlyList<string>? Texts(string single, string many)
    {
        var values = new List<string>();
        if (Text(single) is { } one)
        {
            values.Add(one);
        }

        if (body[many] is JsonArray array)
        {
            values.AddRange(array.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>());
        }
        else if (body[many] is not null)
        {
            _errors.Add(FieldError.Of(many, "field.notArray", $"'{many}' must be a list."));
        }

        return values.Count == 0 ? null : values;
    }

    public string? Choice(string key, params string[] allowed) => Parse(key, body[key], allowed);

    /// <summary>Enum values from <paramref name="single"/> and the list <paramref name="many"/>; null when neither is set.</summary>
    public IReadOnlyList<string>? Choices(string single, string many, string[] allowed)
    {
        var values = new List<string>();
        if (Parse(single, body[single], allowed) is { } one)
        {
            values.Add(one);
        }

        if (body[many] is JsonArray array)
        {
            values.AddRange(array.Select(item => Parse(many, item, allowed)).OfType<string>());
        }

        return values.Count == 0 ? null : values;
    }

    private string? Parse(string key, JsonNode? node, string[] allowed)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.TryGetValue(out int index) && index >= 0 && index < allowed.Length)
            {
                return allowed[index];
            }

            if (value.TryGetValue(out string? text) && allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                return name;
            }
        }

        _errors.Add(FieldError.Of(key, "field.oneOf", $"'{key}' must be one of {string.Join(", ", allowed)}.", ("allowed", string.Join(", ", allowed))));
        return null;
    }
}
