using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceHall.Api.Http;

/// <summary>
/// <c>ServiceHall:ForwardedHeaders</c>: the proxies (an Ingress controller) whose <c>X-Forwarded-For</c> /
/// <c>X-Forwarded-Proto</c> the silo believes. Everyone else's are ignored: a header any client can write must not
/// choose the client's rate-limit bucket or make plain HTTP look secure.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ServiceHall:ForwardedHeaders";

    /// <summary>Networks in CIDR notation (<c>10.244.0.0/16</c>): the pods of the Ingress controller.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Single proxy addresses.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy hops to unwind from the right of <c>X-Forwarded-For</c>; one Ingress is one hop.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownNetworks.Count > 0 || KnownProxies.Count > 0;
}

public static class TrustedProxies
{
    /// <summary>Reads and checks the setting at start-up: a mistyped network fails the boot instead of trusting nobody (or everybody).</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TrustedProxyOptions.SectionName).Get<TrustedProxyOptions>() ?? new();
        var networks = settings.KnownNetworks.Select((text, i) => System.Net.IPNetwork.TryParse(text.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{TrustedProxyOptions.SectionName}:KnownNetworks:{i} is not a network in CIDR notation (e.g. 10.244.0.0/16).")).ToList();
        var proxies = settings.KnownProxies.Select((text, i) => IPAddress.TryParse(text.Trim(), out var proxy)
            ? proxy
            : throw new InvalidOperationException($"{TrustedProxyOptions.SectionName}:KnownProxies:{i} is not an IP address.")).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            // The framework trusts loopback by default; only what is configured is trusted here.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            networks.ForEach(options.KnownIPNetworks.Add);
            proxies.ForEach(options.KnownProxies.Add);
        });
        services.AddSingleton(settings);
        return services;
    }

    /// <summary>First in the pipeline, so the rate limits and the session cookie's Secure flag see the real client.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<TrustedProxyOptions>().Any ? app.UseForwardedHeaders() : app;
}
