using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Serves Elsa Studio under <c>/studio/</c> (compat notes §1): our own host page instead of the package's stale
/// index.html, an appsettings.json the studio needs to boot, and the package files with the content types the
/// default static-file setup lacks (<c>.dat</c>: without it the ICU file 404s and the studio does not start), and
/// the precompressed <c>.br</c> copy when the browser accepts Brotli (about 12 MB instead of 64 MB).
/// </summary>
public static class StudioHosting
{
    public const string Path = "/studio";

    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();
    private static readonly Assembly Resources = typeof(StudioHosting).Assembly;

    public static IEndpointRouteBuilder MapElsaStudio(this IEndpointRouteBuilder endpoints)
    {
        // Files only, no grain behind them, and a studio start loads hundreds: the anonymous allowance is not for them.
        var studio = endpoints.MapGroup(Path).WithTags("Elsa Studio").AllowAnonymous().ExcludeFromDescription().DisableRateLimiting();
        studio.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], HostPage);
        studio.MapMethods("/index.html", [HttpMethods.Get, HttpMethods.Head], HostPage);
        studio.MapMethods("/studio-host.js", [HttpMethods.Get, HttpMethods.Head], () => Resource("studio-host.js", "text/javascript; charset=utf-8"));
        studio.MapMethods("/studio-refusals.js", [HttpMethods.Get, HttpMethods.Head], () => Resource("studio-refusals.js", "text/javascript; charset=utf-8"));
        studio.MapMethods("/appsettings.json", [HttpMethods.Get, HttpMethods.Head], AppSettings);
        studio.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], PackageFile);
        return endpoints;
    }

    /// <summary>The page; <c>/studio</c> (routing ignores the trailing slash) is sent to <c>/studio/</c> so relative URLs resolve.</summary>
    public static IResult HostPage(HttpRequest request) =>
        request.Path.Value?.EndsWith('/') == false && !request.Path.Value.EndsWith(".html", StringComparison.Ordinal)
            ? TypedResults.Redirect(Path + "/")
            : Resource("index.html", "text/html; charset=utf-8");

    /// <summary>
    /// The studio fails to boot without this file; in the custom-elements host only Logging is read from it (the API
    /// address comes from the page), but Backend:Url names ours so nobody is misled.
    /// </summary>
    public static IResult AppSettings(HttpRequest request) => ElsaJson.Ok(new JsonObject
    {
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
        ["Backend"] = new JsonObject { ["Url"] = $"{request.Scheme}://{request.Host}/elsa/api" },
    });

    public static IResult PackageFile(HttpContext context, IOptions<StudioOptions> options, string path)
    {
        var root = System.IO.Path.GetFullPath(options.Value.RootOrDefault);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, path));
        if (!full.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return TypedResults.NotFound();
        }

        if (!ContentTypes.TryGetContentType(full, out var contentType))
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        // Revalidate each time: the package's fingerprints cover only part of the files, and a 304 is cheap.
        context.Response.Headers.CacheControl = "no-cache";
        var served = full;
        if (AcceptsBrotli(context.Request) && File.Exists(full + ".br"))
        {
            served = full + ".br";
            context.Response.Headers.ContentEncoding = "br";
        }

        var file = new FileInfo(served);
        var tag = new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"");
        return TypedResults.PhysicalFile(served, contentType, lastModified: file.LastWriteTimeUtc, entityTag: tag);
    }

    private static bool AcceptsBrotli(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => string.Equals(e.Value.Value, "br", StringComparison.OrdinalIgnoreCase) && e.Quality != 0);

    private static IResult Resource(string name, string contentType)
    {
        using var stream = Resources.GetManifestResourceStream($"ServiceHall.Api.Elsa.Studio.{name}")
            ?? throw new InvalidOperationException($"The embedded studio file '{name}' is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return TypedResults.Bytes(memory.ToArray(), contentType);
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".dat"] = "application/octet-stream";
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".cur"] = "image/x-icon";
        provider.Mappings[".map"] = "application/json";
        provider.Mappings[".scss"] = "text/x-scss";
        return provider;
    }
}
