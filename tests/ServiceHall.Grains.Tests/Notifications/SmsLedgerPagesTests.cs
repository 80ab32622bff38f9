using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using ServiceHall.Grains.Notifications;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Tests.Cases;

namespace ServiceHall.Grains.Tests.Notifications;

/// <summary>
/// The outbox shard kept as pages (issue 20): a delivery writes one small page instead of the whole shard, the outbox
/// still lists the newest 250 messages newest first, an id is delivered once (also after the shard wakes again from
/// what it stored), and a shard stored as one row before pages moves into them.
/// </summary>
public sealed class SmsLedgerPagesTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task EachDeliveryWritesOnePageAndTheOutboxStillListsTheNewest250Once()
    {
        const string key = "sms-ledger-pages";
        var ledger = cluster.Cluster.Client.GetGrain<ISmsLedgerGrain>(key);
        var sent = Enumerable.Range(1, 320).Select(i => Message($"case-p:{i}:0", i)).ToList();
        foreach (var message in sent)
        {
            Assert.True(await ledger.DeliverAsync(message));
        }

        var newest = sent.AsEnumerable().Reverse().Take(250).Select(m => m.Id).ToList();
        Assert.Equal(newest, (await ledger.ListAsync(2000)).Select(m => m.Message.Id));
        Assert.Equal(newest.Take(7), (await ledger.ListAsync(7)).Select(m => m.Message.Id));

        // No stored row holds more than a page, and together they hold every listed message.
        var pages = await StoredPagesAsync(key);
        Assert.All(pages, page => Assert.True(page.Count <= SmsLedgerGrain.PageSize, $"a page holds {page.Count} messages"));
        Assert.Subset(pages.SelectMany(p => p).ToHashSet(), newest.ToHashSet());

        // Repeats are refused, by this activation and by the next one, which knows only what was stored.
        Assert.False(await ledger.DeliverAsync(sent[^1]));
        await cluster.Cluster.DeactivateAsync(ledger);
        Assert.False(await ledger.DeliverAsync(sent[^1]));
        Assert.False(await ledger.DeliverAsync(sent[^250]));
        Assert.Equal(newest, (await ledger.ListAsync(2000)).Select(m => m.Message.Id));

        Assert.True(await ledger.DeliverAsync(Message("case-p:321:0", 321)));
        Assert.Equal(["case-p:321:0", .. newest.Take(249)], (await ledger.ListAsync(2000)).Select(m => m.Message.Id));
    }

    [Fact]
    public async Task AShardStoredAsOneRowMovesIntoPagesAndKeepsItsIds()
    {
        const string key = "sms-ledger-one-row";
        var old = Enumerable.Range(1, 60).Select(i => Message($"case-o:{i}:0", i)).ToList();
        await Storage.WriteStateAsync("sms-ledger", GrainId.Create("sms-ledger", key), new GrainState<JsonObject>(new JsonObject
        {
            ["messages"] = new JsonArray([.. old.Select(m => (JsonNode)new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["id"] = m.Id, ["to"] = m.To, ["caseId"] = m.CaseId, ["template"] = m.Template, ["text"] = m.Text,
                    ["createdAt"] = m.CreatedAt.ToString("O"),
                },
                ["deliveredAt"] = m.CreatedAt.ToString("O"),
            })]),
        }));

        var ledger = cluster.Cluster.Client.GetGrain<ISmsLedgerGrain>(key);
        Assert.Equal(old.AsEnumerable().Reverse().Select(m => m.Id), (await ledger.ListAsync(2000)).Select(m => m.Message.Id));
        Assert.False(await ledger.DeliverAsync(old[0]));
        Assert.True(await ledger.DeliverAsync(Message("case-o:61:0", 61)));

        // The old row is emptied once its messages are in pages; the next activation reads the pages alone.
        var row = new GrainState<JsonObject>(new JsonObject());
        await Storage.ReadStateAsync("sms-ledger", GrainId.Create("sms-ledger", key), row);
        Assert.Empty(row.State!["messages"]!.AsArray());
        await cluster.Cluster.DeactivateAsync(ledger);
        Assert.Equal(61, (await ledger.ListAsync(2000)).Count);
        Assert.False(await ledger.DeliverAsync(old[^1]));
    }

    private IGrainStorage Storage => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);

    private static SmsMessage Message(string id, int minute) => new()
    {
        Id = id, To = "13900003333", CaseId = id.Split(':')[0], Template = "case-accepted", Text = "您的申请已受理",
        CreatedAt = new DateTimeOffset(2025, 3, 1, 1, 0, 0, TimeSpan.Zero).AddMinutes(minute),
    };

    private async Task<List<List<string>>> StoredPagesAsync(string key)
    {
        var pages = new List<List<string>>();
        for (var page = 0; page < SmsLedgerGrain.Pages; page++)
        {
            var name = SmsLedgerGrain.PageStateName(page);
            var state = new GrainState<JsonObject>(new JsonObject());
            await Storage.ReadStateAsync(name, GrainId.Create("sms-ledger", key), state);
            if (state.RecordExists)
            {
                pages.Add([.. state.State!["messages"]!.AsArray().Select(m => (string)m!["message"]!["id"]!)]);
            }
        }

        return pages;
    }
}
