using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using ServiceHall.Grains.Coordination;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Tests.Cases;

namespace ServiceHall.Grains.Tests.Coordination;

/// <summary>
/// The coordinator desk keeps every open project and only each coordinator's most recent closed ones, so its stored row
/// stays bounded by the open work however many key projects close over the years. Each test uses a desk of its own.
/// </summary>
public sealed class CoordinatorDeskPruningTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private const int Kept = CoordinatorDeskGrain.ClosedKeptPerCoordinator;

    [Fact]
    public async Task ClosedProjectsBeyondTheKeptNumberLeaveTheStoredDeskWhileLoadAndOpenProjectsStay()
    {
        var key = "desk-" + Guid.NewGuid().ToString("N")[..8];
        var desk = cluster.Cluster.Client.GetGrain<ICoordinatorDeskGrain>(key);
        const int extra = 7;
        var open = Enumerable.Range(0, 3).Select(i => $"open-{i}").ToList();
        var closing = Enumerable.Range(0, Kept + extra).Select(i => $"closing-{i:00}").ToList();
        var other = Enumerable.Range(0, 2).Select(i => $"other-{i}").ToList();

        // Assignments interleave: the first open project comes before every closing one, the others after.
        await desk.RecordAsync(open[0], "coordinator", open: true);
        foreach (var id in closing)
        {
            await desk.RecordAsync(id, "coordinator", open: true);
        }

        foreach (var id in open.Skip(1))
        {
            await desk.RecordAsync(id, "coordinator", open: true);
        }

        foreach (var id in other)
        {
            await desk.RecordAsync(id, "coordinator3", open: true);
        }

        await desk.RecordAsync("other-closed", "coordinator3", open: false);
        var loadBefore = await desk.LoadAsync();
        Assert.Equal(open.Count + closing.Count, loadBefore["coordinator"]);

        foreach (var id in closing)
        {
            await desk.RecordAsync(id, "coordinator", open: false);
        }

        // Load counts only open projects, exactly as before the closings pruned anything.
        var load = await desk.LoadAsync();
        Assert.Equal(open.Count, load["coordinator"]);
        Assert.Equal(loadBefore["coordinator3"], load["coordinator3"]);

        // "My projects": open ones newest first, then the most recent closed ones newest first; the oldest closed are gone.
        var expected = open.AsEnumerable().Reverse().Select(id => (id, true))
            .Concat(closing.Skip(extra).Reverse().Select(id => (id, false)))
            .ToList();
        Assert.Equal(expected, (await desk.ProjectsOfAsync("coordinator")).Select(p => (p.CaseId, p.Open)).ToList());
        Assert.Equal(
            [("other-1", true), ("other-0", true), ("other-closed", false)],
            (await desk.ProjectsOfAsync("coordinator3")).Select(p => (p.CaseId, p.Open)).ToList());

        // The stored row holds the open work and the kept closed projects, nothing of the pruned ones.
        var stored = await StoredAsync(key);
        Assert.Equal(open.Count + Kept + other.Count + 1, stored.Count);
        Assert.All(closing.Take(extra), id => Assert.DoesNotContain(stored, p => p.CaseId == id));
        Assert.All(open.Concat(other), id => Assert.Contains(stored, p => p.CaseId == id && p.Open));

        // More closings keep the row at the same size: it does not grow with the projects the hall has closed.
        foreach (var id in Enumerable.Range(0, extra).Select(i => $"late-{i}"))
        {
            await desk.RecordAsync(id, "coordinator", open: true);
            await desk.RecordAsync(id, "coordinator", open: false);
        }

        Assert.Equal(stored.Count, (await StoredAsync(key)).Count);
        Assert.Equal(load, await desk.LoadAsync());
    }

    [Fact]
    public async Task AnOpenProjectIsNeverPrunedAndARetriedOpeningKeepsItsCoordinator()
    {
        var key = "desk-" + Guid.NewGuid().ToString("N")[..8];
        var desk = cluster.Cluster.Client.GetGrain<ICoordinatorDeskGrain>(key);
        await desk.RecordAsync("long-running", "coordinator", open: true);
        for (var i = 0; i < Kept * 2; i++)
        {
            await desk.RecordAsync($"quick-{i}", "coordinator", open: true);
            await desk.RecordAsync($"quick-{i}", "coordinator", open: false);
        }

        Assert.Equal(1, (await desk.LoadAsync())["coordinator"]);
        Assert.Equal("coordinator", await desk.ChooseAsync("long-running", ["coordinator3", "coordinator"]));
        var stored = await StoredAsync(key);
        Assert.Equal(Kept + 1, stored.Count);
        Assert.Equal("long-running", stored[0].CaseId);
    }

    private async Task<List<DeskProject>> StoredAsync(string key)
    {
        var storage = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        var state = new GrainState<CoordinatorDeskState>(new CoordinatorDeskState());
        await storage.ReadStateAsync("coordinator-desk", GrainId.Create("coordinator-desk", key), state);
        Assert.True(state.RecordExists);
        return state.State!.Projects;
    }
}
