using System.Text.Json.Nodes;
using static ServiceHall.Grains.Tests.Definitions.TestDefinitions;

namespace ServiceHall.Grains.Tests.Definitions;

/// <summary>Elsa 3's draft/publish/fork rules (elsa-studio-compat.md §2.3), one rule per test.</summary>
public sealed class WorkflowDefinitionVersioningTests(DefinitionsCluster cluster) : IClassFixture<DefinitionsCluster>
{
    [Fact]
    public async Task CreatingWithoutIdsGeneratesTheVersionIdAndTakesTheDefinitionIdFromTheKey()
    {
        var key = NewKey();
        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        var created = await cluster.Definition(key).SaveAsync(StartToEnd("新建流程").Json(), publish: false);

        Assert.Matches("^[0-9a-f]{32}$", created.Id);
        Assert.Equal(key, created.DefinitionId);
        Assert.Equal((1, true, false), (created.Version, created.IsLatest, created.IsPublished));
        Assert.Equal(cluster.Clock.GetUtcNow(), created.CreatedAt);
        Assert.Equal("新建流程", created.Name);
        AssertJsonInStep(created);
        Assert.Equal(created, await cluster.Definition(key).GetLatestAsync());
        Assert.Null(await cluster.Definition(key).GetPublishedAsync());
    }

    [Fact]
    public async Task CreatingWithAVersionIdKeepsIt()
    {
        var key = NewKey();
        var definition = StartToEnd();
        definition["id"] = "my-first-version";
        definition["definitionId"] = key;

        var created = await cluster.Definition(key).SaveAsync(definition.Json(), publish: true);

        Assert.Equal("my-first-version", created.Id);
        Assert.Equal((1, true, true), (created.Version, created.IsLatest, created.IsPublished));
        AssertJsonInStep(created);
    }

    [Fact]
    public async Task SavingWhileTheLatestIsADraftUpdatesItInPlace()
    {
        var grain = cluster.Definition(NewKey());
        var created = await grain.SaveAsync(StartToEnd("first").Json(), publish: false);
        cluster.Clock.Advance(TimeSpan.FromHours(1));

        var edited = StartToEnd("second");
        edited["id"] = created.Id;
        var saved = await grain.SaveAsync(edited.Json(), publish: false);

        Assert.Equal((created.Id, 1, created.CreatedAt), (saved.Id, saved.Version, saved.CreatedAt));
        Assert.Equal("second", saved.Name);
        Assert.Equal([(1, true, false)], await grain.FlagsAsync());
    }

    [Fact]
    public async Task SavingWhileTheLatestIsPublishedForksANewDraft()
    {
        var grain = cluster.Definition(NewKey());
        var published = await grain.SaveAsync(StartToEnd("v1").Json(), publish: true);
        cluster.Clock.Advance(TimeSpan.FromHours(2));

        // The studio posts the published version's id and flags back with the edit; they must not matter.
        var edit = StartToEnd("v2").AsEdited(published);
        var draft = await grain.SaveAsync(edit.Json(), publish: false);

        Assert.NotEqual(published.Id, draft.Id);
        Assert.Equal((2, true, false), (draft.Version, draft.IsLatest, draft.IsPublished));
        Assert.Equal(cluster.Clock.GetUtcNow(), draft.CreatedAt);
        Assert.Equal([(1, false, true), (2, true, false)], await grain.FlagsAsync());
        Assert.Equal(published.Id, (await grain.GetPublishedAsync())!.Id);

        var again = await grain.SaveAsync(StartToEnd("v2 again").AsEdited(draft).Json(), publish: false);
        Assert.Equal((draft.Id, 2), (again.Id, again.Version));
    }

    [Fact]
    public async Task PublishingThroughSaveWhileTheLatestIsPublishedForksAndPublishesTheFork()
    {
        var grain = cluster.Definition(NewKey());
        var v1 = await grain.SaveAsync(StartToEnd("v1").Json(), publish: true);

        var v2 = await grain.SaveAsync(StartToEnd("v2").AsEdited(v1).Json(), publish: true);

        Assert.NotEqual(v1.Id, v2.Id);
        Assert.Equal((2, true, true), (v2.Version, v2.IsLatest, v2.IsPublished));
        Assert.Equal([(1, false, false), (2, true, true)], await grain.FlagsAsync());
        Assert.Equal(v2, await grain.GetPublishedAsync());
    }

    [Fact]
    public async Task PublishingADraftOnTopOfAPublishedVersionUnpublishesTheOldOne()
    {
        var grain = cluster.Definition(NewKey());
        var v1 = await grain.SaveAsync(StartToEnd("v1").Json(), publish: true);
        await grain.SaveAsync(StartToEnd("v2").AsEdited(v1).Json(), publish: false);

        Assert.True(await grain.PublishAsync());

        Assert.Equal([(1, false, false), (2, true, true)], await grain.FlagsAsync());
    }

    [Fact]
    public async Task PublishAsyncWhenTheLatestIsAlreadyPublishedReturnsFalseAndChangesNothing()
    {
        var grain = cluster.Definition(NewKey());
        var v1 = await grain.SaveAsync(StartToEnd("v1").Json(), publish: true);
        await grain.SaveAsync(StartToEnd("v2").AsEdited(v1).Json(), publish: true);
        var before = await grain.GetVersionsAsync();
        cluster.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(await grain.PublishAsync());

        Assert.Equal(before, await grain.GetVersionsAsync());
    }

    [Fact]
    public async Task RetractUnpublishesThePublishedVersionAndLeavesIsLatestAlone()
    {
        var grain = cluster.Definition(NewKey());
        var v1 = await grain.SaveAsync(StartToEnd("v1").Json(), publish: true);
        await grain.RetractAsync();
        Assert.Equal([(1, true, false)], await grain.FlagsAsync());

        await grain.PublishAsync();
        await grain.SaveAsync(StartToEnd("v2").AsEdited(v1).Json(), publish: false);
        await grain.RetractAsync();

        Assert.Equal([(1, false, false), (2, true, false)], await grain.FlagsAsync());
        Assert.Null(await grain.GetPublishedAsync());
    }

    [Fact]
    public async Task RevertCopiesAnOldVersionIntoANewLatestDraft()
    {
        var grain = cluster.Definition(NewKey());
        var v1 = await grain.SaveAsync(StartToEnd("original").Json(), publish: true);
        await grain.SaveAsync(StartToEnd("rewritten").AsEdited(v1).Json(), publish: false);
        cluster.Clock.Advance(TimeSpan.FromDays(1));

        var v3 = await grain.RevertAsync(1);

        Assert.NotEqual(v1.Id, v3.Id);
        Assert.Equal((3, true, false, "original"), (v3.Version, v3.IsLatest, v3.IsPublished, v3.Name));
        Assert.Equal(cluster.Clock.GetUtcNow(), v3.CreatedAt);
        Assert.True(JsonNode.DeepEquals(v1.Document()["root"], v3.Document()["root"]));
        Assert.Equal([(1, false, true), (2, false, false), (3, true, false)], await grain.FlagsAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.RevertAsync(9));
    }

    [Fact]
    public async Task DeleteRemovesEveryVersionAndTheNextSaveStartsAgainAtVersionOne()
    {
        var grain = cluster.Definition(NewKey());
        var v1 = await grain.SaveAsync(StartToEnd("v1").Json(), publish: true);
        await grain.SaveAsync(StartToEnd("v2").AsEdited(v1).Json(), publish: false);

        await grain.DeleteAsync();

        Assert.Empty(await grain.GetVersionsAsync());
        Assert.Null(await grain.GetLatestAsync());
        Assert.Null(await grain.GetVersionAsync(1));
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.Empty(await grain.GetVersionsAsync());

        var recreated = await grain.SaveAsync(StartToEnd("again").Json(), publish: false);
        Assert.Equal((1, true, false), (recreated.Version, recreated.IsLatest, recreated.IsPublished));
    }

    [Fact]
    public async Task StateSurvivesDeactivation()
    {
        var grain = cluster.Definition(NewKey());
        var v1 = await grain.SaveAsync(StartToEnd("v1").Json(), publish: true);
        await grain.SaveAsync(StartToEnd("v2").AsEdited(v1).Json(), publish: false);
        var before = await grain.GetVersionsAsync();

        await cluster.Cluster.DeactivateAsync(grain);

        Assert.Equal(before, await grain.GetVersionsAsync());
        Assert.Equal(before[0], await grain.GetVersionAsync(1));
        Assert.Equal(before[1], await grain.GetLatestAsync());
    }
}
