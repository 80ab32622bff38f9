using ServiceHall.Grains.Definitions;
using static ServiceHall.Grains.Tests.Definitions.TestDefinitions;

namespace ServiceHall.Grains.Tests.Definitions;

public sealed class WorkflowDefinitionIndexTests(DefinitionsCluster cluster) : IClassFixture<DefinitionsCluster>
{
    [Fact]
    public async Task TheIndexFollowsEverySaveAndForgetsDeletedDefinitions()
    {
        var key = NewKey();
        var grain = cluster.Definition(key);

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        var v1 = await grain.SaveAsync(StartToEnd("first name").Json(), publish: false);
        Assert.Equal(Summary(key, "first name", latest: 1, published: null), await FindAsync(key));

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        await grain.PublishAsync();
        Assert.Equal(Summary(key, "first name", latest: 1, published: 1), await FindAsync(key));

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        await grain.SaveAsync(StartToEnd("second name").AsEdited(v1).Json(), publish: false);
        Assert.Equal(Summary(key, "second name", latest: 2, published: 1), await FindAsync(key));

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        await grain.RetractAsync();
        Assert.Equal(Summary(key, "second name", latest: 2, published: null), await FindAsync(key));

        await grain.DeleteAsync();
        Assert.Null(await FindAsync(key));
    }

    [Fact]
    public async Task TheIndexListsDefinitionsInIdOrderAndSurvivesDeactivation()
    {
        var keys = new[] { "idx-b-" + NewKey(), "idx-a-" + NewKey(), "idx-c-" + NewKey() };
        foreach (var key in keys)
        {
            await cluster.Definition(key).SaveAsync(StartToEnd(key).Json(), publish: false);
        }

        await cluster.Cluster.DeactivateAsync(cluster.Index);
        var listed = (await cluster.Index.ListAsync()).Select(s => s.DefinitionId).ToList();

        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Where(keys.Contains));
    }

    // The per-version list is compared by the Elsa API tests; these compare the definition-level fields.
    private async Task<DefinitionSummary?> FindAsync(string key) =>
        (await cluster.Index.ListAsync()).SingleOrDefault(s => s.DefinitionId == key) is { } found
            ? found with { Versions = [], UnknownActivityTypes = [] }
            : null;

    private DefinitionSummary Summary(string key, string name, int latest, int? published) => new()
    {
        DefinitionId = key,
        Name = name,
        Description = "A definition written for the tests.",
        LatestVersion = latest,
        PublishedVersion = published,
        UpdatedAt = cluster.Clock.GetUtcNow(),
    };
}
