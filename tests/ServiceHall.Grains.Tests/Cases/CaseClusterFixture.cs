using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Hosting;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Time;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// A one-silo cluster wired as the embedded silo wires cases (catalogue, shipped definitions, default halls and demo
/// staff), with a fake ServiceHall clock and a data folder that outlives each cluster so a test can restart on it.
/// Shared per test class; each test opens cases of its own, so tests never see each other's writes.
/// </summary>
public sealed class CaseClusterFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _data = new("servicehall-cases");

    // Stored rows are keyed by service id; a fixed one lets a restarted cluster read what the last one wrote.
    private readonly string _serviceId = "servicehall-cases-" + Guid.NewGuid().ToString("N")[..8];
    private InProcessTestCluster? _cluster;

    // One key for the fixture's life, as a silo keeps its key across restarts.
    private readonly ApplicantDigests _digests = ApplicantDigests.DerivedFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Saturday 1 March 2025, 09:00 in the hall's time zone; it only moves when a test advances it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)));

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not running.");

    /// <summary>The folder of the embedded database, for tests that inspect or tamper with stored rows while the cluster is down.</summary>
    public string DataFolder => _data.Path;

    public ICaseGrain Case(string caseId) => Cluster.Client.GetGrain<ICaseGrain>(caseId);

    public ICaseGrain NewCase() => Case(CaseIds.NewCaseId());

    /// <summary>Whether the silo holds an activation of the case (asked of the management grain: it does not activate it).</summary>
    public async Task<bool> IsActiveAsync(ICaseGrain grain)
    {
        var active = await Cluster.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create(CaseStateCatalog.GrainType));
        return active.Contains(grain.GetGrainId());
    }

    /// <summary>The silo's own reminder table, to see which durable timers a case registered.</summary>
    public IReminderTable Reminders => Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();

    /// <summary>The SLA sweep (test clusters run it by hand: the product's silos register its reminder at start).</summary>
    public ServiceHall.Grains.Cases.Sla.ISlaSweepGrain Sweep =>
        Cluster.Client.GetGrain<ServiceHall.Grains.Cases.Sla.ISlaSweepGrain>(ServiceHall.Grains.Cases.Sla.ISlaSweepGrain.Key);

    private ServiceHall.Grains.Cases.Board.ICaseRowsDatabase Rows =>
        Cluster.Silos[0].ServiceProvider.GetRequiredService<ServiceHall.Grains.Cases.Board.ICaseRowsDatabase>();

    /// <summary>The version and SLA wake time the case's board row holds, read from the row (not through the grain).</summary>
    public async Task<(long Version, DateTimeOffset? WakeAt)> StoredWakeAsync(ICaseGrain grain)
    {
        await using var connection = await Rows.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT version, sla_wake_at FROM case_summary WHERE case_id = '{grain.GetPrimaryKeyString()}';";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(8)));
    }

    /// <summary>Runs SQL on the embedded database's writer connection, as the store's own writes run.</summary>
    public Task ExecuteOnRowsAsync(string sql) => Rows.WriteAsync(async (connection, cancellationToken) =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    });

    public async Task InitializeAsync() => _cluster = await StartAsync();

    /// <summary>The SMS gateway the cases send through: a fake that can fail or lose acknowledgements on request.</summary>
    public FakeSmsGateway Sms { get; } = new();

    /// <summary>Stops the whole cluster, runs <paramref name="whileDown"/> (e.g. time passes), and starts it again on the same data.</summary>
    public async Task RestartAsync(Action? whileDown = null)
    {
        await StopAsync();
        whileDown?.Invoke();
        _cluster = await StartAsync();
    }

    /// <summary>The same, with asynchronous work while the cluster is down (e.g. editing stored rows).</summary>
    public async Task RestartAsync(Func<Task> whileDown)
    {
        await StopAsync();
        await whileDown();
        _cluster = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private async Task<InProcessTestCluster> StartAsync()
    {
        // No configured halls or staff: the directory falls back to the default halls and the demo accounts.
        var organisation = new ConfigurationBuilder().Build().GetSection(OrganisationOptions.SectionName);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseServiceHallEmbeddedStorage(options => options.DataFolder = _data.Path);
            silo.AddServiceHallDefinitions();
            silo.AddServiceHallCases();
            silo.Services.AddServiceHallOrganisation(organisation, includeDemoStaff: true);
            silo.Services.AddServiceHallClock(Clock);
            silo.Services.AddSingleton<ISmsGateway>(Sms);
            silo.Services.AddSingleton(_digests);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private async Task StopAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
