using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Npgsql;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Documents;
using ServiceHall.Grains.Storage.Postgres;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;

namespace ServiceHall.Grains.Hosting;

public static class PostgresStorageExtensions
{
    /// <summary>The ADO.NET invariant the Orleans providers use to load Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Grain state and reminders through the Orleans ADO.NET providers on PostgreSQL, with ServiceHall's own schema
    /// applied first when <see cref="PostgresStorageOptions.MigrateOnStart"/> is set.
    /// </summary>
    public static ISiloBuilder UseServiceHallPostgresStorage(this ISiloBuilder silo, PostgresStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OptionsValidationException(
                "ServiceHall:Storage:Postgres:ConnectionString", typeof(PostgresStorageOptions),
                ["PostgreSQL mode needs ServiceHall:Storage:Postgres:ConnectionString."]);
        }

        silo.Services.AddSingleton(Options.Create(options));
        silo.Services.AddSingleton<PostgresSchemaMigrator>();
        silo.Services.AddServiceHallStateSerializer();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaOnStart>();

        // Statements prepared once per connection, no reset per borrow (PostgresCommandConnections says why); the
        // migration, probes and document store keep the operator's string as written.
        var commands = PostgresCommandConnections.For(options.ConnectionString);
        silo.AddAdoNetGrainStorage(StorageNames.GrainState, storage =>
        {
            storage.Invariant = Invariant;
            storage.ConnectionString = commands;
        });
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.GrainState)
            .Configure<StableJsonGrainStorageSerializer>((storage, serializer) => storage.GrainStorageSerializer = serializer);
        // Cases are not grain state: their head, journal and outbox rows are ServiceHall's own tables (PostgresCaseStore).
        silo.Services.AddOptions<GroupCommitOptions>();
        silo.Services.AddSingleton<ICaseStore>(services => GroupCommitCaseStore.Choose(
            new PostgresCaseStore(NpgsqlDataSource.Create(commands), services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId),
            services.GetRequiredService<IOptions<GroupCommitOptions>>().Value, engineFlushes: 4));
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = Invariant;
            reminders.ConnectionString = commands;
        });
        // A storage error inside a grain travels back to a caller on another silo; Orleans only serialises exceptions
        // from namespaces it trusts, and without Npgsql's the caller gets a codec error instead of the cause.
        silo.Services.Configure<ExceptionSerializationOptions>(exceptions => exceptions.SupportedNamespacePrefixes.Add("Npgsql"));
        silo.Services.AddSingleton<IStorageProbe, PostgresStorageProbe>();
        silo.Services.AddSingleton<IGrainStateCatalog, PostgresGrainStateCatalog>();
        // The board's queries (lists, search, coordinators' lists, statistics) keep the operator's string: prepared, a
        // statement may settle on a generic plan that ignores its parameters' selectivity (the coordinator's list at
        // 1,000,000 cases went from 12 to 251 ms at p50), and the rows a command writes go through the case store's
        // batch, which stays prepared.
        silo.Services.AddCaseRows(_ => new PostgresCaseRowsDatabase(options.ConnectionString));
        silo.Services.AddSingleton<IDocumentStore>(services => new PostgresDocumentStore(
            options.ConnectionString, services.GetRequiredKeyedService<TimeProvider>(ServiceHallClock.Key)));
        return silo;
    }

    /// <summary>Membership in the same PostgreSQL database, so several silos form one cluster.</summary>
    public static ISiloBuilder UseServiceHallPostgresClustering(this ISiloBuilder silo, string connectionString) =>
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = Invariant;
            clustering.ConnectionString = PostgresCommandConnections.For(connectionString);
        });

    /// <summary>
    /// Before any provider (clustering included) reads its query texts: runs the migration, or, when the silo is told not
    /// to, checks that someone did.
    /// </summary>
    private sealed class PostgresSchemaOnStart(
        PostgresSchemaMigrator migrator, IOptions<PostgresStorageOptions> options, ILogger<PostgresSchemaOnStart> logger)
        : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(PostgresSchemaOnStart), ServiceLifecycleStage.First, async cancellationToken =>
            {
                logger.LogInformation("Checking the PostgreSQL schema");
                if (options.Value.MigrateOnStart)
                {
                    await migrator.MigrateAsync(options.Value.ConnectionString, cancellationToken);
                }
                else
                {
                    await migrator.RequireCurrentAsync(options.Value.ConnectionString, cancellationToken);
                }
            });
    }
}
