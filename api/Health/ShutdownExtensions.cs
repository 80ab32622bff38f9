using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServiceHall.Api.Health;

public static class ShutdownExtensions
{
    /// <summary>Graceful stop: not-ready drain first, the host's shutdown bounded by <c>ServiceHall:Shutdown:Timeout</c>.</summary>
    public static IHostApplicationBuilder AddServiceHallShutdown(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ShutdownOptions.SectionName);
        builder.Services.AddOptions<ShutdownOptions>().Bind(section);
        var timeout = section.GetValue<TimeSpan?>(nameof(ShutdownOptions.Timeout)) ?? new ShutdownOptions().Timeout;
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = timeout);
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ShutdownDrain>());
        return builder;
    }
}
