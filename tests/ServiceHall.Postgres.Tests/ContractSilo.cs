using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using ServiceHall.Grains.Storage;
using ServiceHall.TestSupport;

namespace ServiceHall.Postgres.Tests;

/// <summary>A running PostgreSQL-mode silo whose real ADO.NET storage and reminder table the contract tests drive directly.</summary>
public abstract class ContractSilo(PostgresFixture postgres) : IAsyncLifetime
{
    private PostgresSilo? _silo;

    protected IGrainStorage Storage => _silo!.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);

    protected IReminderTable Reminders => _silo!.Services.GetRequiredService<IReminderTable>();

    /// <summary>The stored-state listing the PostgreSQL mode registers.</summary>
    protected IGrainStateCatalog Catalog => _silo!.Services.GetRequiredService<IGrainStateCatalog>();

    protected string ConnectionString { get; private set; } = "";

    protected string ServiceId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Without a server the tests themselves skip (or fail under CI) through the fixture; set-up just stands back.
        if (PostgresServer.FindBinaries() is not null)
        {
            ConnectionString = await postgres.Server.CreateDatabaseAsync();
            var id = "sh-contract-" + Guid.NewGuid().ToString("N")[..6];
            ServiceId = id;
            _silo = await PostgresSilo.StartAsync(ConnectionString, id, id);
        }
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
