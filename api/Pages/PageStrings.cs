using Microsoft.Extensions.Localization;

namespace ServiceHall.Api.Pages;

/// <summary>The texts a page hands to its scripts (<c>ServiceHall.t(key)</c>), picked from its resource files.</summary>
public static class PageStrings
{
    public static readonly IReadOnlyList<string> Live = ["live.connecting", "live.live", "live.reconnecting", "live.offline"];

    public static readonly IReadOnlyList<string> Stages =
        [.. new[] { "acceptance", "formal-review", "back-office-review", "awaiting-correction", "certificate", "pickup", "closed", "none" }.Select(s => "stage." + s)];

    public static readonly IReadOnlyList<string> Statuses =
        [.. new[] { "open", "completed", "rejected", "denied", "withdrawn", "cancelled", "suspended", "faulted" }.Select(s => "status." + s)];

    public static readonly IReadOnlyList<string> Channels =
        [.. new[] { "window", "cross-city", "nansha", "key-project", "instant", "online" }.Select(s => "channel." + s)];

    public static readonly IReadOnlyList<string> SlaStates =
        [.. new[] { "on-track", "warning", "critical", "breached", "paused", "none" }.Select(s => "sla." + s)];

    /// <summary>The shared texts every live page needs (connection state, stage, status, channel and SLA names).</summary>
    public static Dictionary<string, string> Shared(IStringLocalizer<SharedText> shared) =>
        Pick(shared, [.. Live, .. Stages, .. Statuses, .. Channels, .. SlaStates]);

    public static Dictionary<string, string> Pick(IStringLocalizer localizer, IEnumerable<string> keys) =>
        keys.ToDictionary(key => key, key => localizer[key].Value);

    /// <summary>Several pickings in one dictionary (a page's own texts next to the shared ones).</summary>
    public static Dictionary<string, string> Merge(params IEnumerable<KeyValuePair<string, string>>[] parts)
    {
        var merged = new Dictionary<string, string>();
        foreach (var part in parts)
        {
            foreach (var (key, value) in part)
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}

/// <summary>The scripts a live page loads, in order: the SignalR client, then the shared helpers.</summary>
public static class PageScripts
{
    public static IReadOnlyList<string> Live(params string[] pageScripts) => ["lib/signalr.js", "servicehall.js", .. pageScripts];
}
