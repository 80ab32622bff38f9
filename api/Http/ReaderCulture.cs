using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ServiceHall.Api.Http;

/// <summary>
/// The language a refusal is said in. Inside the pipeline the request-localization middleware has chosen it; a
/// refusal written before that middleware runs (the bearer challenge, the rate limiter, the body limit) asks the same
/// providers itself, so a 401 follows <c>Accept-Language</c> like every other problem.
/// </summary>
public static class ReaderCulture
{
    /// <summary>The culture the localization middleware chose for <paramref name="context"/>'s request, else the current one.</summary>
    public static CultureInfo Chosen(HttpContext? context) =>
        context?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;

    public static async ValueTask<CultureInfo> OfAsync(HttpContext context)
    {
        if (context.Features.Get<IRequestCultureFeature>() is { } chosen)
        {
            return chosen.RequestCulture.UICulture;
        }

        if (context.RequestServices?.GetService<IOptions<RequestLocalizationOptions>>()?.Value is not { } options)
        {
            return CultureInfo.CurrentUICulture;
        }

        var supported = options.SupportedUICultures ?? [];
        foreach (var provider in options.RequestCultureProviders)
        {
            if (await provider.DetermineProviderCultureResult(context) is not { } result)
            {
                continue;
            }

            foreach (var name in result.UICultures)
            {
                if (Match(name.Value, supported) is { } culture)
                {
                    return culture;
                }
            }
        }

        return options.DefaultRequestCulture.UICulture;
    }

    // As the middleware does with its parent fall-back: en-US is answered in en, an unsupported language in the default.
    private static CultureInfo? Match(string? name, IList<CultureInfo> supported)
    {
        CultureInfo? asked;
        try
        {
            asked = name is null ? null : CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }

        for (var culture = asked; culture is not null && !Equals(culture, CultureInfo.InvariantCulture); culture = culture.Parent)
        {
            if (supported.FirstOrDefault(s => string.Equals(s.Name, culture.Name, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                return match;
            }
        }

        return null;
    }
}
