using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using ServiceHall.Grains.Live;

namespace ServiceHall.Benchmarks.Fanout;

/// <summary>
/// Two silos in this process (Orleans' <see cref="InProcessTestCluster"/>: shared in-memory membership, in-memory
/// transport instead of TCP), each with one subscriber of the variant under test, the product's feed grain, memory
/// streams with memory pub-sub storage, and publisher grains standing in for cases.
/// </summary>
internal sealed class FanoutCluster : IAsyncDisposable
{
    public const int Publishers = 64;
    private readonly InProcessTestCluster _cluster;

    private FanoutCluster(InProcessTestCluster cluster, FanoutRecorder recorder)
    {
        _cluster = cluster;
        Recorder = recorder;
    }

    public FanoutRecorder Recorder { get; }

    public IReadOnlyList<InProcessSiloHandle> Silos => _cluster.Silos;

    public static async Task<FanoutCluster> StartAsync(FanoutSetup setup)
    {
        var recorder = new FanoutRecorder();
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Error));
        builder.ConfigureSilo((_, silo) =>
        {
            // Streams keep who subscribes to what in the "PubSubStore" grain storage; memory here, as in the notes.
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryStreams(FanoutStreams.Provider, streams =>
                streams.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = setup.StreamPoll)));
            silo.Services.AddSingleton(setup);
            silo.Services.AddSingleton(recorder);
            if (setup.Mechanism == FanoutMechanism.Observer)
            {
                silo.Services.AddHostedService<ObserverRelay>();
            }
            else
            {
                silo.Services.AddHostedService<StreamRelay>();
            }
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var fanout = new FanoutCluster(cluster, recorder);
        await fanout.WaitForSubscribersAsync(TimeSpan.FromSeconds(60));
        return fanout;
    }

    public IGrainFactory GrainsOn(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>Publishes probes (negative sequence numbers) until every silo's subscriber heard one, then forgets them.</summary>
    private async Task WaitForSubscribersAsync(TimeSpan timeout)
    {
        var grains = GrainsOn(Silos[0]);
        var clock = Stopwatch.StartNew();
        for (long probe = -1; Silos.Any(s => Recorder.Count(s.Name, seq => seq < 0) == 0); probe--)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not every silo's subscriber heard a probe within {timeout}.");
            }

            await grains.GetGrain<IFanoutPublisherGrain>(-probe % Publishers).PublishAsync(FanoutStreams.Change(probe));
            await Task.Delay(200);
        }

        await Task.Delay(500);
        Recorder.Clear();
    }

    /// <summary>Per silo: whether it hosts the feed grain and the stream's pub-sub grain.</summary>
    public async Task<Dictionary<string, string>> PlacementsAsync()
    {
        var grains = GrainsOn(Silos[0]);
        var management = grains.GetGrain<IManagementGrain>(0);
        var feedSilo = await management.GetActivationAddress(grains.GetGrain<ICaseFeedGrain>(ICaseFeedGrain.Key));
        var activations = await management.GetDetailedGrainStatistics();
        return Silos.ToDictionary(s => s.Name, s =>
        {
            var here = activations.Where(a => a.SiloAddress.Equals(s.SiloAddress)).ToList();
            var pubSub = here.Any(a => a.GrainType.Contains("PubSubRendezvous", StringComparison.Ordinal));
            return $"feed grain {(s.SiloAddress.Equals(feedSilo) ? "here" : "not here")}, stream pub-sub grain {(pubSub ? "here" : "not here")}";
        });
    }

    public async Task<SiloAddress?> FeedSiloAsync() =>
        await GrainsOn(Silos[0]).GetGrain<IManagementGrain>(0).GetActivationAddress(GrainsOn(Silos[0]).GetGrain<ICaseFeedGrain>(ICaseFeedGrain.Key));

    /// <summary>The silo holding the stream's pub-sub rendezvous grain (who subscribes), or null when none is active.</summary>
    public async Task<SiloAddress?> PubSubSiloAsync()
    {
        var activations = await GrainsOn(Silos[0]).GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.FirstOrDefault(a => a.GrainType.Contains("PubSubRendezvous", StringComparison.Ordinal))?.SiloAddress;
    }

    /// <summary>An ungraceful stop (cancelled shutdown): no unsubscribing, no handing over; see the docs for how it differs from kill -9.</summary>
    public Task KillAsync(InProcessSiloHandle silo) => _cluster.KillSiloAsync(silo);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cluster.StopAllSilosAsync();
        }
        catch (Exception exception)
        {
            Console.WriteLine($"fanout: stopping the cluster: {exception.Message}");
        }

        await _cluster.DisposeAsync();
    }
}
