using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using ServiceHall.Grains.Cases.Board;
using ServiceHall.Grains.Hosting;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Storage.Sqlite;
using ServiceHall.TestSupport;

namespace ServiceHall.Benchmarks.Support;

/// <summary>
/// One silo in this process, wired for cases as the embedded silo wires them (catalogue, shipped definitions, default
/// halls and demo staff), but with state and reminders in memory so only the engine's own work is measured.
/// </summary>
internal sealed class InMemorySilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TemporaryFolder _rows;

    private InMemorySilo(IHost host, TemporaryFolder rows)
    {
        _host = host;
        _rows = rows;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts the silo. <paramref name="collectionAge"/> keeps idle activations alive that long (the scale section needs
    /// them all resident); <paramref name="storage"/> replaces the default in-memory storage when given.
    /// </summary>
    public static async Task<InMemorySilo> StartAsync(TimeSpan? collectionAge = null, Func<IServiceProvider, string, IGrainStorage>? storage = null)
    {
        var builder = Host.CreateApplicationBuilder();
        // Warnings only: per-request information logging would be measured as engine overhead.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The board's rows need a database even here: a throwaway SQLite file, unsynchronised like the memory store.
        var rows = new TemporaryFolder("bench-rows");
        var organisation = new ConfigurationBuilder().Build().GetSection(OrganisationOptions.SectionName);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "servicehall-bench", clusterId: "bench");
            if (storage is null)
            {
                // The memory provider still serializes every write; with the shipped serializer it costs what the
                // durable stores spend on JSON, minus the I/O.
                silo.AddMemoryGrainStorage(StorageNames.GrainState, options => options.GrainStorageSerializer = new StableJsonGrainStorageSerializer());
            }
            else
            {
                silo.Services.AddGrainStorage(StorageNames.GrainState, storage);
            }

            // Cases keep their own store (head and entry rows) whatever the grain storage; in memory it still serializes.
            silo.Services.AddServiceHallMemoryCaseStore();
            silo.UseInMemoryReminderService();
            silo.Services.AddOptions<SqliteStorageOptions>().Configure(options =>
            {
                options.DataFolder = rows.Path;
                options.Synchronous = "OFF";
            });
            silo.Services.AddSingleton<SqliteDatabase>();
            silo.Services.AddCaseRows<SqliteCaseRowsDatabase>();
            silo.AddServiceHallDefinitions();
            silo.AddServiceHallCases();
            silo.Services.AddServiceHallOrganisation(organisation, includeDemoStaff: true);
            if (collectionAge is { } age)
            {
                silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = age);
            }
        });

        var host = builder.Build();
        await host.StartAsync();
        return new InMemorySilo(host, rows);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _rows.Dispose();
    }
}
