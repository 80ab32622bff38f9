using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceHall.Api.Tracing;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Live;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Live;

/// <summary>
/// This silo's ear on the case feed: one observer, kept subscribed by <see cref="CaseFeedSubscription"/>, forwarding
/// each change to the SignalR groups it concerns on this silo.
/// </summary>
internal sealed class CaseFeedRelay(
    IGrainFactory grains, IHubContext<CasesHub> hub, OrganisationDirectory organisation, ILocalSiloDetails silo,
    ILogger<CaseFeedRelay> logger)
    : BackgroundService, ICaseChangeObserver
{
    /// <summary>
    /// Queues the change on every connection of its groups and returns without waiting for the slowest socket. Orleans
    /// hands this observer one change at a time (the next waits for this method's task), so awaiting the group send
    /// would let one client that stopped reading hold back every board on the silo. Each connection still gets its
    /// pushes in order: SignalR queues writes per connection behind one lock.
    /// </summary>
    public Task OnCaseChanged(CaseChanged change)
    {
        using var push = LivePushTracing.Start(change.Id);
        // One placement per change: the board groups and the coordinators who may read the case are both read off it.
        var placement = CasePlacement.From(change);
        var groups = LiveGroups.GroupsFor(change, placement, CoordinatorReach.ReadersOf(placement, organisation));
        var sending = hub.Clients.Groups(groups).SendAsync(CasesHub.CaseChangedMethod, change.ToClient());
        if (!sending.IsCompleted)
        {
            _ = sending.ContinueWith(
                (task, state) => ((ILogger)state!).LogDebug(task.Exception, "A live push did not reach every connection"),
                logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        else if (sending.IsFaulted)
        {
            logger.LogDebug(sending.Exception, "A live push did not reach every connection");
        }

        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        CaseFeedSubscription.KeepSubscribedAsync(grains, this, logger, unsubscribeOnStop: true, stoppingToken, silo.SiloAddress);
}
