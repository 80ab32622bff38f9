using ServiceHall.Grains.Definitions;
using static ServiceHall.Grains.Tests.Definitions.TestDefinitions;

namespace ServiceHall.Grains.Tests.Definitions;

/// <summary>What cannot be saved or published, and that a rejection leaves the stored versions untouched.</summary>
public sealed class WorkflowDefinitionRejectionTests(DefinitionsCluster cluster) : IClassFixture<DefinitionsCluster>
{
    [Fact]
    public async Task PublishingUnknownActivitiesIsRejectedNamingEachAndChangesNothing()
    {
        var grain = cluster.Definition(NewKey());
        var v1 = await grain.SaveAsync(StartToEnd("valid").Json(), publish: true);
        var broken = StartToEnd("broken").AsEdited(v1);
        broken.Activities().Add(Activity("a-mystery", "Elsa.WriteLine"));
        broken.Activities().Add(Activity("a-other", "Acme.Unknown"));

        // A draft only has to parse, so the studio can autosave work in progress.
        var draft = await grain.SaveAsync(broken.Json(), publish: false);
        var before = await grain.GetVersionsAsync();

        var viaPublish = await Assert.ThrowsAsync<DefinitionRejectedException>(() => grain.PublishAsync());
        var viaSave = await Assert.ThrowsAsync<DefinitionRejectedException>(() => grain.SaveAsync(broken.Json(), publish: true));

        foreach (var rejected in new[] { viaPublish, viaSave })
        {
            Assert.Contains(rejected.Problems, p => p.ActivityId == "a-mystery" && p.Problem.Contains("Elsa.WriteLine"));
            Assert.Contains(rejected.Problems, p => p.ActivityId == "a-other" && p.Problem.Contains("Acme.Unknown"));
        }

        Assert.Equal(before, await grain.GetVersionsAsync());
        Assert.Equal([(1, false, true), (2, true, false)], await grain.FlagsAsync());
        Assert.Equal(draft, await grain.GetLatestAsync());
    }

    [Fact]
    public async Task PublishingAnInvalidFirstVersionCreatesNothing()
    {
        var grain = cluster.Definition(NewKey());
        var definition = StartToEnd();
        definition.Activities().RemoveAt(0);
        definition.Root()["connections"] = new System.Text.Json.Nodes.JsonArray();

        var rejected = await Assert.ThrowsAsync<DefinitionRejectedException>(() => grain.SaveAsync(definition.Json(), publish: true));

        Assert.Contains(rejected.Problems, p => p.Problem.Contains("Elsa.Start"));
        Assert.Empty(await grain.GetVersionsAsync());
    }

    [Theory]
    [InlineData("""{"name": "x", "version": "two"}""", "version")]
    [InlineData("""{"name": "x", "root": {"id": "fc", "type": "Elsa.Flowchart", "activities": {"not": "an array"}}}""", "activities")]
    [InlineData("""{"name": "x", "variables": [ }""", "variables")]
    public async Task UnparsableJsonIsRejectedNamingTheField(string json, string field)
    {
        var grain = cluster.Definition(NewKey());

        var rejected = await Assert.ThrowsAsync<DefinitionRejectedException>(() => grain.SaveAsync(json, publish: false));

        Assert.Contains(field, Assert.Single(rejected.Problems).Problem);
        Assert.Empty(await grain.GetVersionsAsync());
    }

    [Fact]
    public async Task ADefinitionIdOtherThanTheKeyIsRejected()
    {
        var key = NewKey();
        var grain = cluster.Definition(key);
        var v1 = await grain.SaveAsync(StartToEnd().Json(), publish: false);
        var foreign = StartToEnd("foreign");
        foreign["definitionId"] = "someone-else";

        var rejected = await Assert.ThrowsAsync<DefinitionRejectedException>(() => grain.SaveAsync(foreign.Json(), publish: false));

        var problem = Assert.Single(rejected.Problems);
        Assert.Contains("someone-else", problem.Problem);
        Assert.Contains(key, problem.Problem);
        Assert.Equal([v1], await grain.GetVersionsAsync());
    }

    [Fact]
    public async Task PublishingWithNoVersionsIsRefused()
    {
        var grain = cluster.Definition(NewKey());

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.PublishAsync());

        Assert.Empty(await grain.GetVersionsAsync());
    }
}
