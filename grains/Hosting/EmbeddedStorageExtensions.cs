using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Documents;
using ServiceHall.Grains.Time;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Storage.Sqlite;

namespace ServiceHall.Grains.Hosting;

public static class EmbeddedStorageExtensions
{
    /// <summary>
    /// Grain state and reminders in one SQLite file in the data folder: the one-machine mode that needs nothing
    /// installed. Clustering is chosen by the caller (localhost for the product, the test cluster's own in tests).
    /// </summary>
    public static ISiloBuilder UseServiceHallEmbeddedStorage(this ISiloBuilder silo, Action<SqliteStorageOptions> configure)
    {
        silo.Services.AddOptions<SqliteStorageOptions>().Configure(configure);
        silo.Services.AddSingleton<SqliteDatabase>();
        silo.Services.AddHostedService<SqliteCheckpointer>();
        silo.Services.AddServiceHallStateSerializer();
        silo.Services.AddGrainStorage(StorageNames.GrainState, static (services, _) => new SqliteGrainStorage(
            services.GetRequiredService<SqliteDatabase>(),
            services.GetRequiredService<StableJsonGrainStorageSerializer>()));
        // Cases are not grain state: their head, journal and outbox rows live in the same file (SqliteCaseStore).
        silo.Services.AddSingleton<SqliteCaseStore>();
        silo.Services.AddOptions<GroupCommitOptions>();
        silo.Services.AddSingleton<ICaseStore>(services => GroupCommitCaseStore.Choose(
            services.GetRequiredService<SqliteCaseStore>(), services.GetRequiredService<IOptions<GroupCommitOptions>>().Value, engineFlushes: 1));
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        silo.Services.AddSingleton<IStorageProbe, SqliteStorageProbe>();
        silo.Services.AddSingleton<IGrainStateCatalog, SqliteGrainStateCatalog>();
        silo.Services.AddCaseRows(services => new SqliteCaseRowsDatabase(services.GetRequiredService<SqliteDatabase>()));
        // Uploaded scans beside the database, so the data folder is the whole durable state of a one-machine hall.
        silo.Services.AddSingleton<IDocumentStore>(services => new FileDocumentStore(
            Path.Combine(services.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.DataFolder, "documents"),
            services.GetRequiredKeyedService<TimeProvider>(ServiceHallClock.Key)));
        return silo;
    }

    /// <summary>Binds the SQLite options from a configuration section, then applies <paramref name="configure"/>.</summary>
    public static ISiloBuilder UseServiceHallEmbeddedStorage(
        this ISiloBuilder silo, IConfiguration section, Action<SqliteStorageOptions>? configure = null) =>
        silo.UseServiceHallEmbeddedStorage(options =>
        {
            section.Bind(options);
            configure?.Invoke(options);
        });

    /// <summary>
    /// The board's rows (<c>case_summary</c>) in the database <paramref name="database"/> opens: their writer, and the
    /// backfill that fills them from the stored cases of a database that has none yet.
    /// </summary>
    public static IServiceCollection AddCaseRows(this IServiceCollection services, Func<IServiceProvider, ICaseRowsDatabase> database)
    {
        services.AddSingleton(database);
        services.AddSingleton<CaseSummaryWriter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CaseRowsBackfill>();
        services.AddOptions<CaseDailyFiguresOptions>().BindConfiguration("ServiceHall:Statistics");
        services.AddHostedService<CaseDailyFiguresFolder>();
        return services;
    }

    internal static IServiceCollection AddServiceHallStateSerializer(this IServiceCollection services)
    {
        services.AddSingleton<StableJsonGrainStorageSerializer>();
        return services;
    }
}
