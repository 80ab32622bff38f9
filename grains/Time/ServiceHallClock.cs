using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServiceHall.Grains.Time;

/// <summary>
/// The clock ServiceHall's grains read, registered under its own key. Tests replace it with a fake clock without
/// touching the silo-wide <see cref="TimeProvider"/>, which Orleans' own maintenance loops use (orleans-notes.md).
/// </summary>
public static class ServiceHallClock
{
    public const string Key = "servicehall";

    public static IServiceCollection AddServiceHallClock(this IServiceCollection services, TimeProvider? provider = null)
    {
        services.TryAddKeyedSingleton(Key, provider ?? TimeProvider.System);
        return services;
    }
}
