using System.Globalization;
using ServiceHall.Grains.Definitions;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Elsa's <c>versionOptions</c> query value (compat notes §2.3): Latest, Published, LatestOrPublished,
/// LatestAndPublished, Draft, AllVersions or a version number; empty means no filter.
/// </summary>
public sealed record VersionOptions(string Text, Func<DefinitionVersionSummary, bool> Matches)
{
    public static readonly VersionOptions Latest = new("Latest", v => v.IsLatest);
    public static readonly VersionOptions Published = new("Published", v => v.IsPublished);
    public static readonly VersionOptions Any = new("", _ => true);

    /// <summary>The filter, or null when <paramref name="text"/> names none of Elsa's options.</summary>
    public static VersionOptions? Parse(string? text, VersionOptions whenEmpty)
    {
        var value = text?.Trim() ?? "";
        return value.ToLowerInvariant() switch
        {
            "" => whenEmpty,
            "latest" => Latest,
            "published" => Published,
            "latestorpublished" => new(value, v => v.IsLatest || v.IsPublished),
            "latestandpublished" => new(value, v => v.IsLatest && v.IsPublished),
            "draft" => new(value, v => !v.IsPublished),
            "allversions" => new(value, _ => true),
            _ when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 => new(value, v => v.Version == number),
            _ => null,
        };
    }

    /// <summary>The version one definition answers with: the highest that matches, as Elsa orders them.</summary>
    public DefinitionVersion? Pick(IEnumerable<DefinitionVersion> versions) =>
        versions.Where(v => Matches(Summary(v))).MaxBy(v => v.Version);

    public static DefinitionVersionSummary Summary(DefinitionVersion version) => new()
    {
        Id = version.Id,
        Version = version.Version,
        IsLatest = version.IsLatest,
        IsPublished = version.IsPublished,
        CreatedAt = version.CreatedAt,
        Name = version.Name,
    };
}
