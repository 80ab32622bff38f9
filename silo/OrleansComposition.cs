using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Hosting;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Silo;

/// <summary>The one place that turns <c>ServiceHall:Storage:Mode</c> into Orleans clustering and storage.</summary>
internal static class OrleansComposition
{
    public static WebApplicationBuilder AddServiceHallSilo(this WebApplicationBuilder builder, ServiceHallOptions options, bool tracing = false)
    {
        var membership = builder.Configuration.GetSection($"{ServiceHallOptions.SectionName}:Cluster:Membership");
        var demo = options.IsDemo(builder.Environment);
        builder.Services.AddServiceHallOrganisation(
            builder.Configuration.GetSection(OrganisationOptions.SectionName), includeDemoStaff: demo);
        builder.AddServiceHallFirstAdmin(options);

        // Only where the outbox stands in for the applicants' phones (demo mode) may it show verification codes.
        builder.Services.Configure<SmsOutboxOptions>(outbox => outbox.ShowCodes = demo);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = options.Cluster.ServiceId;
                cluster.ClusterId = options.Cluster.ClusterId;
            });
            silo.Services.Configure<ClusterMembershipOptions>(membership);
            silo.Services.Configure<GroupCommitOptions>(commits => commits.Enabled = options.Storage.GroupCommit);

            switch (options.Storage.Mode)
            {
                case StorageMode.Embedded:
                    silo.UseLocalhostClustering(
                        options.Cluster.SiloPort, options.Cluster.GatewayPort, null,
                        options.Cluster.ServiceId, options.Cluster.ClusterId);
                    silo.UseServiceHallEmbeddedStorage(sqlite =>
                    {
                        sqlite.DataFolder = options.DataFolderPath;
                        sqlite.FileName = options.Storage.Sqlite.FileName;
                        sqlite.Synchronous = options.Storage.Sqlite.Synchronous;
                        sqlite.BusyTimeout = options.Storage.Sqlite.BusyTimeout;
                        sqlite.CheckpointInterval = options.Storage.Sqlite.CheckpointInterval;
                    });

                    // One silo owns every grain, so a directory cache has nothing remote to remember; yet Orleans counts
                    // the cache's entries every second for its metrics (the dashboard collects them), a cost that grew with
                    // the case grains addressed (issue 20 profile: 2.5-4 % of the silo's CPU under load).
                    silo.Configure<GrainDirectoryOptions>(directory => directory.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
                    break;

                case StorageMode.Postgres:
                    if (options.Cluster.Kubernetes.Enabled)
                    {
                        silo.UseServiceHallKubernetesHosting(options.Cluster);
                    }
                    else
                    {
                        ConfigureEndpoints(silo, options.Cluster);
                    }

                    silo.UseServiceHallPostgresClustering(options.Storage.Postgres.ConnectionString);
                    silo.UseServiceHallPostgresStorage(options.Storage.Postgres);
                    break;

                default:
                    throw new InvalidOperationException($"Unknown ServiceHall:Storage:Mode '{options.Storage.Mode}'.");
            }

            silo.AddServiceHallDefinitions();
            silo.AddServiceHallCases();
            if (options.Cluster.WarmUp)
            {
                silo.AddServiceHallWarmUp();
            }

            silo.AddServiceHallSlaSweep();
            silo.AddServiceHallRetention();
            silo.AddServiceHallDashboard(options.Dashboard);
            if (tracing)
            {
                // Carries the request's trace into every grain call (and on to other silos); off when nobody collects traces.
                silo.AddActivityPropagation();
            }
        });
        return builder;
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, ClusterSettings cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.AdvertisedIPAddress))
        {
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, AddressFamily.InterNetwork, cluster.ListenOnAnyHostAddress);
            return;
        }

        if (!IPAddress.TryParse(cluster.AdvertisedIPAddress, out var address))
        {
            throw new InvalidOperationException(
                $"ServiceHall:Cluster:AdvertisedIPAddress '{cluster.AdvertisedIPAddress}' is not an IP address.");
        }

        silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, cluster.ListenOnAnyHostAddress);
    }
}
