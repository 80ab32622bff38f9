using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Live;

namespace ServiceHall.Benchmarks.Push;

/// <summary>When the silo's write of one case version returned, and when the harness's own feed observer heard of it.</summary>
internal readonly record struct CommitStamp(long CommittedAt, long HeardAt);

/// <summary>
/// The harness's view of the durable-write instant. It joins the silo's cluster as an Orleans client (gateway on
/// loopback) and subscribes one more <see cref="ICaseChangeObserver"/> to the case feed, exactly as each silo's relay
/// does; every <see cref="CaseChanged"/> carries <see cref="CaseChanged.CommittedAt"/>, which the case grain takes from
/// the system clock right after <c>WriteStateAsync</c> returned. That field never reaches SignalR clients: the board
/// clients match their receipts to these stamps by case id and version.
/// </summary>
internal sealed class CommitStamps : ICaseChangeObserver, IAsyncDisposable
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<(string CaseId, long Version), CommitStamp> _stamps = new();
    private readonly IHost _host;
    private readonly CancellationTokenSource _stop = new();
    private Task _renewing = Task.CompletedTask;
    private ICaseChangeObserver? _self;

    private CommitStamps(IHost host) => _host = host;

    public IReadOnlyDictionary<(string CaseId, long Version), CommitStamp> Stamps => _stamps;

    /// <summary>Changes heard without a commit time (a silo built before the field existed).</summary>
    public int Unstamped { get; private set; }

    public static async Task<CommitStamps> SubscribeAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        // The silo's defaults (ServiceHall:Cluster:ServiceId/ClusterId); SiloUnderTest does not override them.
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, "servicehall", "servicehall"));
        var host = builder.Build();
        // The client retries its gateway until stopped; a silo that is not there must fail the run, not hang it.
        using (var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await host.StartAsync(connecting.Token);
        }

        var stamps = new CommitStamps(host);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        // Held here: Orleans keeps only a weak reference to observer objects.
        stamps._self = grains.CreateObjectReference<ICaseChangeObserver>(stamps);
        var feed = grains.GetGrain<ICaseFeedGrain>(ICaseFeedGrain.Key);
        await feed.SubscribeAsync(stamps._self);
        stamps._renewing = stamps.RenewAsync(feed);
        return stamps;
    }

    Task ICaseChangeObserver.OnCaseChanged(CaseChanged change)
    {
        var heard = WallClock.Now();
        if (change.CommittedAt is { } committed)
        {
            _stamps[(change.Id, change.Version)] = new CommitStamp(committed.UtcTicks, heard);
        }
        else
        {
            Unstamped++;
        }

        return Task.CompletedTask;
    }

    private async Task RenewAsync(ICaseFeedGrain feed)
    {
        // The feed forgets observers that stop renewing (30 s), like a relay whose silo died.
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Renewal, _stop.Token);
                await feed.SubscribeAsync(_self!);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                // Never while the silo is up; the next round tries again.
                Console.WriteLine($"push: feed renewal failed: {exception.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        await _host.StopAsync();
        _host.Dispose();
        _stop.Dispose();
    }
}
