using Orleans.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using ServiceHall.Grains.Applications;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Documents;
using ServiceHall.Grains.Hosting;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Retention;
using ServiceHall.Grains.Tests.Cases;
using ServiceHall.Grains.Time;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests.Retention;

/// <summary>
/// A one-silo embedded cluster with cases and the retention job (30 years, daily on the fake ServiceHall clock), its
/// reminder waking every second of real time so a run follows soon after a test moves the clock past the next run.
/// </summary>
public sealed class RetentionCluster : IAsyncLifetime
{
    private readonly TemporaryFolder _data = new("servicehall-retention");
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public string DataFolder => _data.Path;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not running.");

    public IRetentionGrain Job => Cluster.Client.GetGrain<IRetentionGrain>(IRetentionGrain.Key);

    internal ICaseStore Cases => Cluster.Silos[0].ServiceProvider.GetRequiredService<ICaseStore>();

    public IDocumentStore Documents => Cluster.Silos[0].ServiceProvider.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        var organisation = new ConfigurationBuilder().Build().GetSection(OrganisationOptions.SectionName);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "servicehall-retention-" + Guid.NewGuid().ToString("N")[..8];
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseServiceHallEmbeddedStorage(options => options.DataFolder = _data.Path);
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.AddServiceHallDefinitions();
            silo.AddServiceHallCases();
            silo.AddServiceHallRetention(options =>
            {
                options.Years = 30;
                options.RunEvery = TimeSpan.FromDays(1);
                options.CheckEvery = TimeSpan.FromSeconds(1);
            });
            silo.Services.AddServiceHallOrganisation(organisation, includeDemoStaff: true);
            silo.Services.AddServiceHallClock(Clock);
            silo.Services.AddSingleton<ISmsGateway>(new FakeSmsGateway());
            silo.Services.AddSingleton(ApplicantDigests.DerivedFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
