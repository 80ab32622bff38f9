using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Tests.Cases;

namespace ServiceHall.Grains.Tests.Notifications;

/// <summary>
/// The outbox ledger keeps each message id once among the 250 messages it keeps: a repeat is refused, an id that aged
/// out is taken again, and a ledger that wakes from storage still knows the ids it kept.
/// </summary>
public sealed class SmsLedgerDeliveryTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task ARepeatedIdIsRefusedUntilItAgesOutOfTheKeptMessages()
    {
        var ledger = cluster.Cluster.Client.GetGrain<ISmsLedgerGrain>("sms-ledger-delivery-" + Guid.NewGuid().ToString("N"));

        Assert.True(await ledger.DeliverAsync(Message("m-0")));
        Assert.False(await ledger.DeliverAsync(Message("m-0")));
        for (var i = 1; i <= 250; i++)
        {
            Assert.True(await ledger.DeliverAsync(Message($"m-{i}")));
        }

        // 251 delivered, 250 kept: the first aged out and is new again; the second is still kept.
        Assert.Equal(250, (await ledger.ListAsync(1000)).Count);
        Assert.False(await ledger.DeliverAsync(Message("m-2")));
        Assert.True(await ledger.DeliverAsync(Message("m-0")));
        Assert.DoesNotContain((await ledger.ListAsync(1000)).Select(m => m.Message.Id), id => id == "m-1");

        await cluster.Cluster.DeactivateAsync(ledger);
        Assert.False(await ledger.DeliverAsync(Message("m-250")));
        Assert.False(await ledger.DeliverAsync(Message("m-0")));
        Assert.True(await ledger.DeliverAsync(Message("m-1")));
        Assert.Equal(250, (await ledger.ListAsync(1000)).Count);
    }

    private static SmsMessage Message(string id) => new()
    {
        Id = id,
        To = "13800138000",
        Text = "您的申请已受理 " + id,
        CaseId = "case-" + id,
        Template = "accepted",
        CreatedAt = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)),
    };
}
