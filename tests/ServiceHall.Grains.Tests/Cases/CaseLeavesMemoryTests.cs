using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Cases;
using ServiceHall.TestSupport;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// Issue 20: a closed case leaves memory right after the command that closed it, instead of staying for the default
/// collection age; read back, it is the same case, and a retried closing command is answered the same without being
/// applied twice.
/// </summary>
public sealed class CaseLeavesMemoryTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private const string CollectorId = "440106199003071231";

    [Fact]
    public async Task AClosedCaseLeavesMemoryAndReadsBackTheSameWithItsClosingCommandAnsweredOnce()
    {
        var grain = await AtPickupAsync();
        Assert.True(await cluster.IsActiveAsync(grain), "an open case stays in memory between its commands");
        var pickup = Command(ActionNames.PickedUp, Clerk, new { collector = "agent", by = "李四", idNumber = CollectorId }, idempotencyKey: "pickup-leaves");

        var closed = await grain.ActAsync(pickup);

        Assert.Equal((CaseOutcome.Ok, CaseStatuses.Completed), (closed.Outcome, closed.Case!.Status));
        await Eventually.UntilAsync(() => cluster.IsActiveAsync(grain), active => !active, "the closed case's activation goes away");
        var messages = SentFor(closed.Case);

        // Read back from storage by a fresh activation: the same case, and the retry gets the same answer, applied once.
        Assert.Equal(Json(closed.Case), Json(await GetAsync(grain)));
        var retried = await grain.ActAsync(pickup);
        Assert.True(retried.Replayed, Describe(retried));
        Assert.Equal(Json(closed.Case), Json(retried.Case!));
        var after = await GetAsync(grain);
        Assert.Equal((closed.Case.Version, closed.Case.Journal.Count), (after.Version, after.Journal.Count));
        AssertJournalGapFree(after);

        // Nothing the case sent went out again: each message was handed to the gateway once.
        Assert.NotEmpty(messages);
        Assert.Equal(messages, SentFor(after));
        Assert.All(messages, id => Assert.Equal(1, cluster.Sms.AttemptsFor(id)));
    }

    [Fact]
    public async Task AStaleVersionAfterTheCaseLeftIsStillRefusedOnIfMatch()
    {
        var grain = await AtPickupAsync();
        var closed = await ActAsync(grain, Clerk, ActionNames.PickedUp, new { collector = "agent", by = "李四", idNumber = CollectorId });
        await Eventually.UntilAsync(() => cluster.IsActiveAsync(grain), active => !active, "the closed case's activation goes away");

        var stale = await grain.ActAsync(Command(ActionNames.PickedUp, Clerk, new { collector = "agent", by = "李四", idNumber = CollectorId },
            expectedVersion: closed.Version - 1));

        Assert.Equal((CaseOutcome.PreconditionFailed, "If-Match"), (stale.Outcome, stale.Field));
        Assert.Equal(Json(closed), Json(await GetAsync(grain)));
    }

    [Fact]
    public async Task AClosedCaseWithAMessageStillToSendStaysUntilTheGatewayTookIt()
    {
        var grain = await AtPickupAsync(beforeNotice: () => cluster.Sms.FailNext(2));

        // The notice failed once when it was queued and once more after the pickup: the case is closed but owes a message.
        var closed = await ActAsync(grain, Clerk, ActionNames.PickedUp, new { collector = "agent", by = "李四", idNumber = CollectorId });
        Assert.Equal(CaseStatuses.Completed, closed.Status);
        Assert.True(await cluster.IsActiveAsync(grain), "a closed case whose message is not sent keeps its activation (and its retry)");

        await Eventually.UntilAsync(() => cluster.IsActiveAsync(grain), active => !active, "the case leaves once its message is delivered");
        var notices = SentFor(closed);
        Assert.NotEmpty(notices);
        Assert.All(notices, id => Assert.True(cluster.Sms.Delivered.ContainsKey(id), $"{id} delivered"));
        Assert.Equal(closed.Version, (await GetAsync(grain)).Version);
    }

    [Fact]
    public async Task AnOpenCaseKeepsItsActivation()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);

        // A closed case read through the same probe goes (the test above); this one must still be there afterwards.
        var other = await AtPickupAsync();
        await ActAsync(other, Clerk, ActionNames.PickedUp, new { collector = "agent", by = "李四", idNumber = CollectorId });
        await Eventually.UntilAsync(() => cluster.IsActiveAsync(other), active => !active, "the closed case's activation goes away");

        Assert.True(await cluster.IsActiveAsync(grain), "an open case is not deactivated by the closed-case rule");
    }

    [Fact]
    public void AnIdleOpenCaseIsCollectedAfterFiveMinutesNotOrleansFifteen()
    {
        var silo = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<GrainTypeSharedContextResolver>();

        Assert.Equal(TimeSpan.FromMinutes(5), silo.GetComponents(GrainType.Create(CaseStateCatalog.GrainType)).CollectionAgeLimit);
    }

    private async Task<ICaseGrain> AtPickupAsync(Action? beforeNotice = null)
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await ActAsync(grain, Reviewer, ActionNames.Pass);
        await ActAsync(grain, Reviewer, ActionNames.Approve, new { opinion = "符合条件" });
        await ActAsync(grain, Clerk, ActionNames.IssueCertificate, new { form = "paper" });
        beforeNotice?.Invoke();
        await ActAsync(grain, Clerk, ActionNames.NotifyPickup);
        return grain;
    }

    /// <summary>The ids of the messages the gateway received for the case.</summary>
    private List<string> SentFor(CaseView view) =>
        [.. cluster.Sms.Delivered.Values.Where(m => m.CaseId == view.Id).Select(m => m.Id).Order(StringComparer.Ordinal)];
}
