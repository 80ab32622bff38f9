using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServiceHall.Api.Resilience;

public static class ResilienceExtensions
{
    public static IServiceCollection AddServiceHallResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResilienceOptions>().Bind(configuration.GetSection(ResilienceOptions.SectionName));
        // Retry pacing runs on wall time, never on the ServiceHall clock (which tests may freeze).
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<HubOptions>(hub => hub.AddFilter<TransientFailureHubFilter>());
        return services;
    }

    public static IApplicationBuilder UseServiceHallResilience(this IApplicationBuilder app) =>
        app.UseMiddleware<TransientFailureMiddleware>();
}
