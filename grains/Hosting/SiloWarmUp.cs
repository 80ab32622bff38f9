using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Storage;
using ServiceHall.Grains.Storage;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;

namespace ServiceHall.Grains.Hosting;

/// <summary>
/// Readies a silo before it becomes an active cluster member (issue 20). Once active, placement sends it new case
/// grains at once — the least loaded silo is the favourite — and each of those used to start cold: the interpreter,
/// the JavaScript engine, the JSON contracts of the case state and the storage connections were all built by the first
/// commands, about a second a case on two shared cores, while no command of those cases was acknowledged anywhere.
/// This runs the same code paths once, on the lifecycle stage before <see cref="ServiceLifecycleStage.BecomeActive"/>,
/// so the silo joins warm. It never decides anything and never fails the start: a step that throws is logged and
/// skipped, and the whole warm-up is bounded by <see cref="Budget"/>.
/// </summary>
internal sealed class SiloWarmUp(
    IServiceProvider services,
    WorkflowRuntime runtime,
    ILogger<SiloWarmUp> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Longer than a warm-up takes on a loaded 2-core machine, short enough that a stuck store cannot hold a start.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <summary>Storage connections opened ahead, so the first concurrent activations do not each open one.</summary>
    private const int StorageConnections = 4;

    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(5);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloWarmUp), ServiceLifecycleStage.ApplicationServices, WarmUpAsync);

    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        var work = Task.Run(() => RunAsync(budget.Token), budget.Token);
        if (await Task.WhenAny(work, Task.Delay(Budget, cancellationToken)) != work)
        {
            logger.LogWarning("Silo warm-up did not finish within {Budget}; joining the cluster without it", Budget);
            return;
        }

        await work.ContinueWith(_ => { }, TaskScheduler.Default);
        logger.LogInformation("Silo warmed up before joining the cluster in {Milliseconds} ms", clock.ElapsedMilliseconds);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var states = Step("workflows", WalkShippedDefinitions);
        Step("case rows", () => RoundTripCaseStates(states ?? []));
        await StepAsync("case store", () => ReadCaseStoreAsync(cancellationToken));
        await StepAsync("grain state", () => ReadGrainStateAsync(cancellationToken));
    }

    /// <summary>
    /// Prepares every shipped definition and walks it from start through its human steps (first action offered, by the
    /// role it names): the parser, validator, interpreter, activities and sandboxed scripts all run once.
    /// </summary>
    private List<WorkflowState> WalkShippedDefinitions()
    {
        var interpreter = runtime.Interpreter;
        var at = DateTimeOffset.UtcNow;
        var states = new List<WorkflowState>();
        foreach (var id in ShippedDefinitions.DefinitionIds)
        {
            var workflow = interpreter.Prepare(ShippedDefinitions.Load(id));
            var result = interpreter.Start(workflow, new StartWorkflow(at, []));
            for (var step = 0; result.Succeeded && result.State.OpenSteps.Count > 0 && step < 12; step++)
            {
                states.Add(result.State);
                var open = result.State.OpenSteps[0];
                var actor = new Actor("warm-up", open.Roles.FirstOrDefault() ?? Roles.Clerk);
                result = interpreter.Resume(workflow, result.State, new ResumeStep(at, open.Actions.FirstOrDefault() ?? "", actor, WarmUpPayload()));
            }

            states.Add(result.State);
        }

        return states;
    }

    /// <summary>What the shipped steps read most often, so their first runs take the paths real commands take.</summary>
    private static JsonObject WarmUpPayload() => new()
    {
        ["opinion"] = "warm-up",
        ["form"] = "paper",
        ["by"] = "warm-up",
        ["deficiencies"] = new JsonArray(new JsonObject { ["problem"] = "warm-up" }),
    };

    /// <summary>The stored JSON contract of the case state (built once per type) and the views built from it.</summary>
    private void RoundTripCaseStates(List<WorkflowState> workflows)
    {
        var serializer = services.GetService<StableJsonGrainStorageSerializer>();
        var codec = services.GetService<Serializer>();
        foreach (var workflow in workflows.Take(8))
        {
            var state = new CaseState { Id = "warm-up", Workflow = workflow, Hall = "warm-up", Department = "warm-up", Channel = "window" };
            // The case store's rows: a head and the appended list entries, written and read back as a save and a load would.
            var write = CaseRows.Between("warm-up", new CaseState(), state, null, 0, null);
            state = CaseRows.Read(new StoredCaseRows(write.NewRevision, write.Head.ToText(),
                write.Appends.ToDictionary(append => append.Table, append => (IReadOnlyList<string>)[.. append.Entries.Select(e => e.ToText())]), []));
            if (serializer is not null)
            {
                serializer.Deserialize<CaseState>(serializer.Serialize(state));
            }

            var view = CaseViews.Staff(state);
            if (codec is not null)
            {
                codec.Deserialize<CaseResult>(codec.SerializeToArray(CaseResult.Ok(view)));
                codec.Deserialize<CaseResult>(codec.SerializeToArray(CaseResult.Ok(CaseHeadline.Of(state))));
            }
        }
    }

    /// <summary>
    /// Loads a case that does not exist from the case store from several tasks at once: the driver, its queries and a
    /// few pooled connections are ready before the first real activation needs them.
    /// </summary>
    private Task ReadCaseStoreAsync(CancellationToken cancellationToken) =>
        services.GetService<ICaseStore>() is { } cases
            ? Task.WhenAll(Enumerable.Range(0, StorageConnections).Select(_ => cases.LoadAsync($"warm-up-{Guid.NewGuid():N}", CaseLoad.ForActivation, cancellationToken)))
            : Task.CompletedTask;

    /// <summary>The same through the grain-state provider the other grains (catalogue, definitions) read from.</summary>
    private Task ReadGrainStateAsync(CancellationToken cancellationToken) =>
        services.GetKeyedService<IGrainStorage>(StorageNames.GrainState) is { } grainState
            ? Task.WhenAll(Enumerable.Range(0, StorageConnections).Select(_ => grainState.ReadStateAsync(
                CaseStateCatalog.StateName, GrainId.Create(CaseStateCatalog.GrainType, $"warm-up-{Guid.NewGuid():N}"), new GrainState<CaseState>())))
            : Task.CompletedTask;

    private T? Step<T>(string name, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Silo warm-up step {Step} failed; the silo starts without it", name);
            return default;
        }
    }

    private void Step(string name, Action step) => Step(name, () =>
    {
        step();
        return true;
    });

    /// <summary>A storage step gets <see cref="StepLimit"/>: a store that does not answer leaves the rest of the budget to the others.</summary>
    private async Task StepAsync(string name, Func<Task> step)
    {
        try
        {
            var work = step();
            if (await Task.WhenAny(work, Task.Delay(StepLimit)) != work)
            {
                logger.LogWarning("Silo warm-up step {Step} did not finish within {Limit}; the silo starts without it", name, StepLimit);
                return;
            }

            await work;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Silo warm-up step {Step} failed; the silo starts without it", name);
        }
    }
}
