using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Reads the studio's query strings: PascalCase keys from its query objects (<c>Page</c>, <c>DefinitionIds</c>, …) and
/// camelCase ones from its routes (<c>versionOptions</c>), so keys match case-insensitively; booleans come as
/// <c>True</c>/<c>False</c>; lists as repeated keys. A value that does not parse is a 400 naming the key.
/// </summary>
public sealed class ElsaQuery(IQueryCollection query)
{
    public IResult? Problem { get; private set; }

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

        Problem ??= Problems.BadRequest(key, $"'{key}' must be a whole number of at least {minimum}; got '{text}'.");
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

        Problem ??= Problems.BadRequest(key, $"'{key}' must be True or False; got '{text}'.");
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

        Problem ??= Problems.BadRequest(key, $"'{key}' must be one of {string.Join(", ", allowed)}; got '{text}'.");
        return null;
    }
}
