using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ServiceHall.Api.Pages;

/// <summary>
/// The pages' scripts and styles, served from the <c>web</c> folder next to the assembly under <c>/assets</c>. URLs
/// carry a hash of the file so browsers may cache them for long and still see a new release at once.
/// </summary>
public static class PageAssets
{
    public const string RequestPath = "/assets";

    private static readonly ConcurrentDictionary<string, string> Urls = new();

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "web");

    public static string Url(string file) => Urls.GetOrAdd(file, static f =>
    {
        var path = Path.Combine(Folder, f);
        if (!File.Exists(path))
        {
            return $"{RequestPath}/{f}";
        }

        using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        return $"{RequestPath}/{f}?v={hash}";
    });
}
