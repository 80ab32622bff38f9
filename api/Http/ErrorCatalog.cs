using System.Globalization;
using System.Resources;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Http;

/// <summary>
/// The one catalogue of refusal codes and what each says, in Chinese (the default) and English:
/// Resources/Http/ErrorText.resx and ErrorText.en.resx. A message names its values as {placeholders}
/// (<c>{allowed}</c>, <c>{max}</c>); a code the catalogue does not know keeps the English text it came with.
/// </summary>
public static class ErrorCatalog
{
    private static readonly ResourceManager Texts = new("ServiceHall.Api.Resources.Http.ErrorText", typeof(ErrorCatalog).Assembly);

    /// <summary>Codes whose message says only the rule ("is required"), so an API reader also needs the field's name.</summary>
    public static bool IsGeneric(string code) => code.StartsWith("field.", StringComparison.Ordinal);

    /// <summary>The catalogue's text for a code in the current UI culture, or null when the code is not catalogued.</summary>
    public static string? Find(string code, CultureInfo? culture = null) => Texts.GetString(code, culture ?? CultureInfo.CurrentUICulture);

    /// <summary>What <paramref name="error"/> says to the reader, its values filled in.</summary>
    public static string MessageOf(FieldError error, CultureInfo? culture = null)
    {
        var template = Find(error.Code, culture);
        if (template is null)
        {
            return error.Message;
        }

        foreach (var (name, value) in error.Args)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }

    /// <summary>The problem's title for a status, in the reader's language.</summary>
    public static string? TitleOf(int status, CultureInfo? culture = null) => Find("title." + status, culture);

    /// <summary>The separator between several messages in one sentence.</summary>
    public static string ListSeparator(CultureInfo? culture = null) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "zh" ? "；" : "; ";
}
