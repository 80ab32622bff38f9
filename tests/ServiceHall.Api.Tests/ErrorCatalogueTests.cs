using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
using ServiceHall.TestSupport;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 22 item 2's guard: every refusal code (<see cref="ErrorCodes"/>, read by reflection) has Chinese and English
/// text with the same placeholders, the catalogue holds no text for a code nobody answers with, and no refusal site of
/// the areas moved onto the catalogue answers with ad-hoc text and no catalogued code.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    private static readonly ResourceManager Texts = new("ServiceHall.Api.Resources.Http.ErrorText", typeof(ErrorCatalog).Assembly);

    private static readonly IReadOnlyList<(string Name, string Code)> Codes = [.. typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true, IsInitOnly: false } && f.FieldType == typeof(string))
        .Select(f => (f.Name, (string)f.GetRawConstantValue()!))];

    [Fact]
    public void TheCodesClassIsReadAndEveryCodeIsDistinctAndWellFormed()
    {
        Assert.True(Codes.Count > 100, $"only {Codes.Count} codes found by reflection");
        Assert.Empty(Codes.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(Codes, c => Assert.Matches(CodeShape(), c.Code));
    }

    [Fact]
    public void EveryCodeHasChineseAndEnglishTextWithTheSamePlaceholders()
    {
        var zh = Entries(CultureInfo.InvariantCulture);
        var en = Entries(CultureInfo.GetCultureInfo("en"));

        var problems = new List<string>();
        foreach (var (name, code) in Codes)
        {
            if (!zh.TryGetValue(code, out var chinese))
            {
                problems.Add($"{name} ({code}) has no Chinese text in ErrorText.resx");
            }
            else if (!Han().IsMatch(chinese))
            {
                problems.Add($"{code}'s Chinese text is not Chinese: {chinese}");
            }

            if (!en.TryGetValue(code, out var english))
            {
                problems.Add($"{name} ({code}) has no English text in ErrorText.en.resx");
            }
            else if (Han().IsMatch(english))
            {
                problems.Add($"{code}'s English text holds Chinese: {english}");
            }

            if (chinese is not null && english is not null && !Placeholders(chinese).SetEquals(Placeholders(english)))
            {
                problems.Add($"{code}: placeholders differ between zh ({chinese}) and en ({english})");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void NoCatalogueTextIsOrphaned()
    {
        var known = Codes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var orphans = Entries(CultureInfo.InvariantCulture).Keys.Concat(Entries(CultureInfo.GetCultureInfo("en")).Keys)
            .Where(key => !key.StartsWith("title.", StringComparison.Ordinal) && !known.Contains(key))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(orphans.Count == 0, "Catalogue text with no constant in ErrorCodes: " + string.Join(", ", orphans));
    }

    [Fact]
    public void AMessageFillsItsPlaceholdersInTheAskedLanguage()
    {
        var error = FieldError.Of("take", ErrorCodes.FieldRange, "take is between 1 and 2000.", ("min", 1), ("max", 2000));

        Assert.Equal("应在1到2000之间。", ErrorCatalog.MessageOf(error, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("must be between 1 and 2000.", ErrorCatalog.MessageOf(error, CultureInfo.GetCultureInfo("en-US")));
    }

    /// <summary>The folders whose refusals were moved onto the catalogue (issue 22 item 2); each stays that way.</summary>
    public static TheoryData<string> CataloguedFolders() =>
    [
        "api/Auth", "api/Http", "api/Applications", "api/Appointments", "api/Catalog", "api/Consultations", "api/Certificates",
        "api/Documents", "api/Operations", "api/Stats", "api/Pages", "api/Live", "api/Resilience",
        "grains/Appointments", "grains/Catalog", "grains/Certificates", "grains/Consultations", "grains/Organisation",
    ];

    [Theory]
    [MemberData(nameof(CataloguedFolders))]
    public void EveryRefusalSiteNamesACataloguedCode(string folder)
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);

        var uncoded = files.SelectMany(file => UncodedRefusals(File.ReadAllText(file))
            .Select(call => $"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {call}")).ToList();

        Assert.True(uncoded.Count == 0, "Refusals with text but no ErrorCodes constant:\n" + string.Join("\n", uncoded));
    }

    [Fact]
    public void TheSiteGuardFindsAnUncodedRefusal()
    {
        const string source = """
            return Problems.BadRequest("take", "take is between 1 and 2000.");
            return Problems.Result(StatusCodes.Status404NotFound, FieldError.Of("code", ErrorCodes.ServiceItemUnknown, $"No service item '{code}'."));
            errors.Add(FieldError.Of("x", "field.required", "x is required."));
            return Problems.BadRequest(errors);
            throw new HubException("Sign in to join a board.");
            return Problems.Result(StatusCodes.Status429TooManyRequests, [FieldError.Of(field, code, detail, ("seconds", seconds))]);
            return Refuse(CaseOutcome.Conflict, NotBooked(booking.Status, "it cannot be checked in"));
            """;

        Assert.Equal(4, UncodedRefusals(source).Count());
    }

    /// <summary>
    /// Calls that build a refusal (a problem, a field error, a grain's refused result, a hub error) and carry a string
    /// literal, the message, without naming an <see cref="ErrorCodes"/> constant: ad-hoc text no catalogue translates.
    /// A call that only forwards errors built elsewhere carries no literal and is checked where those are built.
    /// </summary>
    private static IEnumerable<string> UncodedRefusals(string source)
    {
        foreach (Match match in RefusalCall().Matches(source))
        {
            // A placeholder's name (("seconds", seconds)) is no message.
            var arguments = Balanced(source, match.Index + match.Length - 1);
            var text = PlaceholderArgument().Replace(arguments, "(");
            if (text.Contains('"') && !text.Contains("ErrorCodes.", StringComparison.Ordinal))
            {
                yield return match.Value + Flatten(arguments);
            }
        }
    }

    /// <summary>The text of the parenthesised argument list opening at <paramref name="open"/>, nested parentheses included.</summary>
    private static string Balanced(string source, int open)
    {
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            depth += source[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return source[(open + 1)..i];
            }
        }

        return source[(open + 1)..];
    }

    private static string Flatten(string text) => WhiteSpace().Replace(text, " ").Trim() is var flat && flat.Length > 160 ? flat[..160] + "…" : flat;

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\b(Problems\.(Result|BadRequest|Create)|FieldError\.Of|Refused|Refuse|new HubException)\(")]
    private static partial Regex RefusalCall();

    [GeneratedRegex(@"\(""[A-Za-z]+"",")]
    private static partial Regex PlaceholderArgument();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
