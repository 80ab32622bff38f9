using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceHall.Grains.Retention;

namespace ServiceHall.Grains.Hosting;

public static class RetentionHostingExtensions
{
    /// <summary>
    /// The retention job (<see cref="RetentionOptions"/>, section <c>ServiceHall:Retention</c>, validated at start) and
    /// its start on every silo. Needs a durable storage mode: it purges from the case store and the document store.
    /// </summary>
    public static ISiloBuilder AddServiceHallRetention(this ISiloBuilder silo, Action<RetentionOptions>? configure = null)
    {
        var options = silo.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RetentionStartup>();
        return silo;
    }
}
