using System.Text;
using Microsoft.AspNetCore.Http;

namespace ServiceHall.Api.Http;

/// <summary>
/// What a log may say about a request's address. A tracking code or an appointment code in a path is a bearer secret
/// (whoever holds it reads the applicant's case or booking), and query values carry search text (applicant names),
/// hub tokens and return URLs that hold such paths: all of them are masked, so logs can be kept and shared.
/// </summary>
public static class RequestPathMask
{
    public const string MaskedSegment = "****";
    public const string MaskedValue = "***";

    // Prefixes whose next segment is a code: /api/track/{trackingCode}, /track/{code}, /api/appointments/{code}.
    private static readonly string[] CodePrefixes = ["/api/track/", "/track/", "/api/appointments/"];

    // Fixed names under /api/appointments that are resources, not codes.
    private static readonly HashSet<string> AppointmentResources = new(StringComparer.OrdinalIgnoreCase) { "slots", "day", "schedule" };

    // Query parameters whose values say nothing about a person; every other value is masked (an allow-list, so a new
    // parameter is masked until someone decides otherwise).
    private static readonly HashSet<string> HarmlessQueryKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "stage", "channel", "department", "window", "hall", "page", "pageSize", "format", "from", "to", "date",
        "serviceItemCode", "caseId", "culture", "overdue", "id", "kind", "version", "status",
    };

    /// <summary>The path with any code segment replaced by <see cref="MaskedSegment"/>.</summary>
    public static string MaskPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path ?? "";
        }

        foreach (var prefix in CodePrefixes)
        {
            if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || path.Length == prefix.Length)
            {
                continue;
            }

            var end = path.IndexOf('/', prefix.Length);
            var segment = end < 0 ? path[prefix.Length..] : path[prefix.Length..end];
            if (segment.Length == 0 || (prefix == "/api/appointments/" && AppointmentResources.Contains(segment)))
            {
                return path;
            }

            return prefix + MaskedSegment + (end < 0 ? "" : path[end..]);
        }

        return path;
    }

    /// <summary>The query string (with or without its leading <c>?</c>) with every value of a key outside the allow-list masked.</summary>
    public static string MaskQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }

        var masked = new StringBuilder("?");
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (masked.Length > 1)
            {
                masked.Append('&');
            }

            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            // A key is shown only when it looks like a parameter name: "?张三" is data in the key's place.
            masked.Append(IsParameterName(key) ? key : MaskedValue);
            if (equals >= 0)
            {
                masked.Append('=').Append(HarmlessQueryKeys.Contains(key) ? pair[(equals + 1)..] : MaskedValue);
            }
        }

        return masked.ToString();
    }

    private static bool IsParameterName(string key) =>
        key.Length is > 0 and <= 32 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>Path and query of <paramref name="request"/> as a log may show them.</summary>
    public static string For(HttpRequest request) =>
        MaskPath(request.PathBase.Add(request.Path).Value) + MaskQuery(request.QueryString.Value);
}
