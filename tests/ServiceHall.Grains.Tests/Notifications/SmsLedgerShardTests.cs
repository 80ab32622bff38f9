using ServiceHall.Grains.Notifications;

namespace ServiceHall.Grains.Tests.Notifications;

public sealed class SmsLedgerShardTests
{
    [Fact]
    public void AMessageIdAlwaysMapsToTheSameLedgerOnEveryProcess()
    {
        // FNV-1a, not string.GetHashCode: the shard must not change between silos or restarts, or dedup would miss.
        Assert.Equal("sms-ledger-10", ISmsLedgerGrain.KeyFor("case-abc:2:0"));
    }

    [Fact]
    public void MessagesSpreadOverEveryShard()
    {
        var keys = Enumerable.Range(0, 2000).Select(i => ISmsLedgerGrain.KeyFor($"case-{i:x8}:{i % 7}:0")).ToHashSet();
        Assert.Equal(ISmsLedgerGrain.Shards, keys.Count);
    }
}
