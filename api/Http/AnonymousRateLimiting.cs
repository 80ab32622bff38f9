using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ServiceHall.Api.Http;

/// <summary>
/// <c>ServiceHall:AnonymousRateLimit</c>: how many requests one client address may make per window to anything it can
/// reach without signing in (pages, sign-in, tracker, certificate and appointment look-ups, the hub's
/// <c>WatchCase</c>). Each look-up by a made-up key costs a grain activation and a storage read, so without a bound
/// one client could keep the silo busy and its memory full. Signed-in staff are not counted.
/// </summary>
public sealed class AnonymousRateLimitOptions
{
    public const string SectionName = "ServiceHall:AnonymousRateLimit";

    public int PermitLimit { get; set; } = 300;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>One allowance per client address, shared by the HTTP endpoints (the global limiter) and the hub.</summary>
public sealed class AnonymousClientLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;

    public AnonymousClientLimiter(IOptions<AnonymousRateLimitOptions> options)
    {
        var limits = options.Value;
        // "" is a signed-in caller: never counted.
        _byAddress = PartitionedRateLimiter.Create<string, string>(address => address.Length == 0
            ? RateLimitPartition.GetNoLimiter(address)
            : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0,
            }));
        Http = _byAddress.WithTranslatedKey<HttpContext>(context => ClientOf(context) ?? "", leaveOpen: true);
    }

    /// <summary>The global limiter of the HTTP pipeline; endpoints marked <c>DisableRateLimiting</c> (health probes) are not counted.</summary>
    public PartitionedRateLimiter<HttpContext> Http { get; }

    /// <summary>Takes one permit for an anonymous caller of <paramref name="context"/>; false with the wait when none is left.</summary>
    public bool TryAcquire(HttpContext? context, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (context is null || ClientOf(context) is not { } address)
        {
            return true;
        }

        using var lease = _byAddress.AttemptAcquire(address);
        if (lease.IsAcquired)
        {
            return true;
        }

        lease.TryGetMetadata(MetadataName.RetryAfter, out retryAfter);
        return false;
    }

    /// <summary>
    /// The client's address, or null when the caller is signed in. An IPv6 client usually holds a whole /64, so that
    /// prefix is one client; the address is the one ForwardedHeaders left (a configured proxy's X-Forwarded-For).
    /// </summary>
    public static string? ClientOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? null : AddressOf(context);

    /// <summary>The partition key of the client's address, signed in or not (every per-address limit uses it).</summary>
    public static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose()
    {
        Http.Dispose();
        _byAddress.Dispose();
    }
}

public static class AnonymousRateLimiting
{
    public static IServiceCollection AddAnonymousRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnonymousRateLimitOptions>().Bind(configuration.GetSection(AnonymousRateLimitOptions.SectionName))
            .Validate(o => o.PermitLimit > 0 && o.Window > TimeSpan.Zero, $"{AnonymousRateLimitOptions.SectionName} needs a positive PermitLimit and Window.")
            .ValidateOnStart();
        services.AddSingleton<AnonymousClientLimiter>();
        services.AddOptions<RateLimiterOptions>().Configure<AnonymousClientLimiter>((options, limiter) => options.GlobalLimiter = limiter.Http);
        return services;
    }
}
