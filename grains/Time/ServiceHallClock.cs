using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServiceHall.Grains.Time;

/// <summary>
/// The clock ServiceHall's grains read "now" from: a keyed <see cref="TimeProvider"/>, so tests can fake it without
/// touching the unkeyed one Orleans' own maintenance loops run on (orleans-notes.md, "Faking time").
/// </summary>
public static class ServiceHallClock
{
    /// <summary>The service key grains use: <c>[FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock</c>.</summary>
    public const string Key = "servicehall";

    /// <summary>
    /// Registers <paramref name="provider"/> (default <see cref="TimeProvider.System"/>) as the ServiceHall clock,
    /// replacing any earlier registration so an explicit choice always wins over a default added by another extension.
    /// </summary>
    public static IServiceCollection AddServiceHallClock(this IServiceCollection services, TimeProvider? provider = null)
    {
        services.RemoveAllKeyed<TimeProvider>(Key);
        services.AddKeyedSingleton(Key, provider ?? TimeProvider.System);
        return services;
    }

    /// <summary>Registers the system clock unless a ServiceHall clock is already registered.</summary>
    internal static IServiceCollection TryAddServiceHallClock(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(Key, TimeProvider.System);
        return services;
    }
}
