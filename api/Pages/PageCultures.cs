using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace ServiceHall.Api.Pages;

/// <summary>Chinese first, English available: the cultures the pages speak and how a visitor switches.</summary>
public static class PageCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The value of the page's <c>lang</c> attribute.</summary>
    public static string HtmlLang => IsEnglish ? English : Chinese;

    /// <summary>An instant as the hall reads it (China time), in the page's language.</summary>
    public static string Time(DateTimeOffset instant) =>
        IsEnglish ? Documents.ChinaTime.DateAndTimeEn(instant) : Documents.ChinaTime.DateAndTime(instant);

    public static void Configure(RequestLocalizationOptions options)
    {
        options.SetDefaultCulture(Chinese).AddSupportedCultures([.. Supported]).AddSupportedUICultures([.. Supported]);
        // Only an explicit choice (the switch's cookie or ?culture=) changes the language; the hall's screens are
        // Chinese whatever the browser says.
        // The API's messages (problem details) follow Accept-Language too, so a client, a page's script or the studio
        // (/elsa/api) gets them in the language it asks for; pages themselves keep ignoring the browser's header.
        var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider();
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
            new CustomRequestCultureProvider(context => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/elsa/api")
                ? acceptLanguage.DetermineProviderCultureResult(context)
                : Task.FromResult<ProviderCultureResult?>(null)),
        ];
    }

    /// <summary><c>GET /lang/{culture}?returnUrl=</c>: remembers the choice for a year and goes back.</summary>
    public static IResult Switch(HttpContext context, string culture, string? returnUrl)
    {
        var chosen = Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? Chinese;
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true });
        return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }
}
