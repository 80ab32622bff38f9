using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Reads the studio's query strings: PascalCase keys from its query objects (<c>Page</c>, <c>DefinitionIds</c>, …) and
/// camelCase ones from its routes (<c>versionOptions</c>), so keys match case-insensitively; booleans come as
/// <c>True</c>/<c>False</c>; lists as repeated keys. A value that does not parse is a 400 naming the key.
/// </summary>
public sealed class ElsaQuery(IQueryCollection query)
{
    private readonly List<FieldError> _errors = [];

    /// <summary>Every value that did not parse, each on its key, as one 400; null when all did.</summary>
    public IResult? Problem => _errors.Count == 0 ? null : Problems.BadRequest(_errors);

    public string? Text(string key) => query.TryGetValue(key, out var values) ? values.ToString() : null;

    public IReadOnlyList<string>? List(string key) =>
        query.TryGetValue(key, out var values) ? [.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)] : null;

    public int? Int(string key, int minimum = 0)
    {
        var text = Text(key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        _errors.Add(FieldError.Of(key, "field.wholeNumber", $"'{key}' must be a whole number of at least {minimum}; got '{text}'.", ("min", minimum)));
        return null;
    }

    public bool? Bool(string key)
    {
        var text = Text(key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _errors.Add(FieldError.Of(key, "field.notFlag", $"'{key}' must be True or False; got '{text}'."));
        return null;
    }

    /// <summary>An enum value by name (any case) or number; <paramref name="allowed"/> lists the names.</summary>
    public string? Choice(string key, params string[] allowed)
    {
        var text = Text(key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < allowed.Length)
        {
            return allowed[index];
        }

        if (allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return name;
        }

        _errors.Add(FieldError.Of(key, "field.oneOf", $"'{key}' must be one of {string.Join(", ", allowed)}; got '{text}'.", ("allowed", string.Join(", ", allowed))));
        return null;
    }
}
