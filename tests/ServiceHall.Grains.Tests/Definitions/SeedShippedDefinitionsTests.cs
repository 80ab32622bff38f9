using ServiceHall.Workflows.Shipped;
using static ServiceHall.Grains.Tests.Definitions.TestDefinitions;

namespace ServiceHall.Grains.Tests.Definitions;

public sealed class SeedShippedDefinitionsTests(DefinitionsCluster cluster) : IClassFixture<DefinitionsCluster>
{
    [Fact]
    public async Task TheFirstStartPublishesEachShippedDefinitionAndLaterStartsKeepDesignerEdits()
    {
        foreach (var id in ShippedDefinitions.DefinitionIds)
        {
            var shipped = ShippedDefinitions.Load(id);
            var seeded = Assert.Single(await cluster.Definition(id).GetVersionsAsync());
            Assert.Equal((shipped.Id, 1, true, true), (seeded.Id, seeded.Version, seeded.IsLatest, seeded.IsPublished));
            Assert.Equal(shipped.Name, seeded.Name);
            Assert.Equal(cluster.Clock.Start, seeded.CreatedAt);
            Assert.Equal(shipped.Activities.Select(a => a.Id), ServiceHall.Workflows.Definitions.WorkflowJson.Parse(seeded.Json).Activities.Select(a => a.Id));
            AssertJsonInStep(seeded);
        }

        var listed = (await cluster.Index.ListAsync()).Select(s => s.DefinitionId);
        Assert.Equal(ShippedDefinitions.DefinitionIds.Order(StringComparer.Ordinal), listed.Where(ShippedDefinitions.DefinitionIds.Contains));

        // A designer edits the standard case: a draft on top of the shipped version.
        var standard = cluster.Definition(ShippedDefinitions.StandardCaseId);
        var shippedVersion = (await standard.GetLatestAsync())!;
        var edit = shippedVersion.Document();
        edit["name"] = "标准件（本厅修订）";
        cluster.Clock.Advance(TimeSpan.FromDays(3));
        await standard.SaveAsync(edit.ToJsonString(), publish: false);
        var before = await SnapshotAsync();

        await standard.SeedAsync(ShippedDefinitions.Json(ShippedDefinitions.StandardCaseId));
        Assert.Equal(before, await SnapshotAsync());

        await cluster.RestartAsync();
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal([(1, false, true), (2, true, false)], await cluster.Definition(ShippedDefinitions.StandardCaseId).FlagsAsync());
    }

    private async Task<string> SnapshotAsync()
    {
        var all = new List<string>();
        foreach (var id in ShippedDefinitions.DefinitionIds)
        {
            all.AddRange((await cluster.Definition(id).GetVersionsAsync()).Select(v => v.ToString()));
        }

        return string.Join("\n", all);
    }
}
