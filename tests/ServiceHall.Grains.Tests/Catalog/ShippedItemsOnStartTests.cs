using System.Text.Json.Nodes;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Tests.Cases;
using ServiceHall.TestSupport;

namespace ServiceHall.Grains.Tests.Catalog;

/// <summary>
/// Issue 21: a data folder made by an older release holds a catalogue without the items shipped since (the Nansha
/// company set-up, the hazardous-chemicals licence). Starting the silo on it adds them, keeps an admin's edit of a
/// shipped item, and does not put back a shipped item the catalogue was already given.
/// </summary>
public sealed class ShippedItemsOnStartTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private const string NanshaCompany = "GZ-NS-001";
    private const string HazardousChemicals = "GZ-YJGL-001";
    private const string Edited = "GZ-SCJG-001";
    private const string AlreadyGiven = "GZ-SW-003";

    [Fact]
    public async Task StartingOnAnOlderCatalogueAddsTheMissingShippedItemsAndKeepsTheAdminsEdits()
    {
        var catalogue = cluster.Cluster.Client.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
        var original = (await catalogue.GetItemAsync(Edited))!;
        await catalogue.PutItemAsync(original with { NameZh = "企业设立登记（管理员改过）", TimeLimitDays = 2 });

        // While the silo is down, the row becomes what an older release left: no Nansha items, no record of shipped
        // codes — except one item the catalogue had been given and no longer holds (as an admin's removal would).
        await cluster.RestartAsync(async () =>
        {
            var row = await CatalogueRowAsync();
            var stored = JsonNode.Parse(row.Payload)!.AsObject();
            var items = stored["items"]!.AsArray();
            foreach (var gone in items.Where(i => i!["code"]!.GetValue<string>() is NanshaCompany or HazardousChemicals or AlreadyGiven).ToList())
            {
                items.Remove(gone);
            }

            stored["shippedCodes"] = new JsonArray(AlreadyGiven);
            await StoredGrainRows.ReplaceSqliteAsync(cluster.DataFolder, row, stored.ToJsonString());
        });

        // The start-up task has merged before anyone asked: the row on disk already holds the shipped items.
        var written = JsonNode.Parse((await CatalogueRowAsync()).Payload)!.AsObject();
        var codes = written["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();
        Assert.Contains(NanshaCompany, codes);
        Assert.Contains(HazardousChemicals, codes);
        Assert.DoesNotContain(AlreadyGiven, codes);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(CatalogSeed.Items.Count, written["shippedCodes"]!.AsArray().Count);

        // The restarted cluster has a new client: the reference of the old one is gone with it.
        catalogue = cluster.Cluster.Client.GetGrain<ICatalogGrain>(CatalogGrainKeys.Main);
        var nansha = (await catalogue.GetItemAsync(NanshaCompany))!;
        Assert.Equal("ns-market-regulation", nansha.Department);
        var kept = (await catalogue.GetItemAsync(Edited))!;
        Assert.Equal(("企业设立登记（管理员改过）", 2), (kept.NameZh, kept.TimeLimitDays));
        Assert.Null(await catalogue.GetItemAsync(AlreadyGiven));
        Assert.Equal(CatalogSeed.Items.Count - 1, (await catalogue.GetItemsAsync()).Count);
    }

    private async Task<StoredGrainRows.Row> CatalogueRowAsync() =>
        Assert.Single(await StoredGrainRows.SqliteAsync(cluster.DataFolder, "catalog"), r => r.GrainId.Contains(CatalogGrainKeys.Main, StringComparison.Ordinal));
}
