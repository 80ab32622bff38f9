using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Appointments;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Calendar;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Hosting;

public static class CasesHostingExtensions
{
    /// <summary>What case grains need on every silo: the workflow runtime (prepared versions) and the case clock.</summary>
    public static ISiloBuilder AddServiceHallCases(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<WorkflowRuntime>();
        silo.Services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.SectionName);
        silo.Services.AddSingleton<WorkingCalendar>();
        silo.Services.TryAddSingleton<ISmsGateway, LedgerSmsGateway>();
        silo.Services.AddOptions<PhoneVerificationOptions>().BindConfiguration(PhoneVerificationOptions.SectionName);
        silo.Services.AddOptions<SmsOutboxOptions>();
        silo.Services.AddOptions<BookingQuotaOptions>().BindConfiguration(BookingQuotaOptions.SectionName);
        silo.Services.TryAddServiceHallClock();
        return silo;
    }

    /// <summary>
    /// The SLA sweep: one reminder for the service that wakes the open cases whose statutory clock reached a threshold
    /// (<see cref="Cases.Sla.SlaSweepGrain"/>). The product's silos run it; test clusters call the sweep themselves.
    /// </summary>
    public static ISiloBuilder AddServiceHallSlaSweep(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Cases.Sla.SlaSweepStartup>();
        return silo;
    }

    /// <summary>
    /// Warms the case paths up before the silo becomes active (<see cref="SiloWarmUp"/>). For silos that join a cluster
    /// under load (the host's <c>ServiceHall:Cluster:WarmUp</c>, on by default); test clusters that start and stop by
    /// the dozen leave it out. It doubles as keeping placement off a silo that is not ready: Orleans places grains only
    /// on active members, and the warm-up finishes before this silo becomes one.
    /// </summary>
    public static ISiloBuilder AddServiceHallWarmUp(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloWarmUp>();
        return silo;
    }

    /// <summary>Cases kept in this process's memory only (benchmarks of the grain alone); a storage mode registers a durable store instead.</summary>
    public static IServiceCollection AddServiceHallMemoryCaseStore(this IServiceCollection services)
    {
        services.AddSingleton<ICaseStore>(provider => new MemoryCaseStore(provider.GetService<Cases.Board.ICaseRowsDatabase>()));
        return services;
    }
}
