namespace ServiceHall.Api.Pages;

/// <summary>Return addresses after sign-in or a language switch: only paths on this site, never an open redirect.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("://", StringComparison.Ordinal);
}
