using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceHall.Benchmarks.Support;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Services;

namespace ServiceHall.Benchmarks.Peer;

/// <summary>
/// WorkflowCore configured at its best for this load, with its default (in-memory) persistence and queue: events are
/// pushed through its in-process queues, so the poller is only the fallback for lock races and can stay slow-ish; the
/// workflow consumer gets one slot per caller so its dispatcher never sleeps the idle time while work is queued.
/// </summary>
internal sealed record WorkflowCoreSettings(TimeSpan PollInterval, TimeSpan IdleTime, int MaxConcurrentWorkflows)
{
    public static WorkflowCoreSettings For(BenchmarkSettings settings) =>
        new(PollInterval: TimeSpan.FromMilliseconds(50), IdleTime: TimeSpan.FromMilliseconds(1), MaxConcurrentWorkflows: Math.Max(settings.Concurrency, 4));

    public string Describe() => FormattableString.Invariant(
        $"UsePollInterval({PollInterval.TotalMilliseconds} ms), UseIdleTime({IdleTime.TotalMilliseconds} ms), UseMaxConcurrentWorkflows({MaxConcurrentWorkflows}), ")
        + ("EnableIndexes=false, EnableLifeCycleEventsPublisher=false (nothing consumes them), in-memory persistence + single-node queue and locks (defaults), "
        + "event consumer concurrency max(cores, 2) (not configurable), log level Warning");
}

/// <summary>The WorkflowCore side of the peer section: one host, a warm-up, then the same closed loop as ServiceHall.</summary>
internal static class WorkflowCoreLoad
{
    private static readonly string Payload = JsonSerializer.Serialize(new { opinion = "符合条件" });

    public static async Task<LoadResult> RunAsync(BenchmarkSettings settings, WorkflowCoreSettings options)
    {
        var signals = new StepSignals();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow(workflow =>
        {
            workflow.UsePollInterval(options.PollInterval);
            workflow.UseIdleTime(options.IdleTime);
            workflow.UseMaxConcurrentWorkflows(options.MaxConcurrentWorkflows);
            workflow.EnableIndexes = false;
            workflow.EnableLifeCycleEventsPublisher = false;
            workflow.UsePersistence(provider => new SignallingPersistence(
                new TransientMemoryPersistenceProvider(provider.GetRequiredService<ISingletonMemoryProvider>()), signals));
        });

        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<CaseFlowWorkflow, CaseFlowData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            var warmUp = await InProcessWarmUp.RunAsync(settings, log => DriveAsync(host, signals, log));
            var result = await ClosedLoop.RunAsync(settings.Concurrency, settings.Duration, log => DriveAsync(host, signals, log));
            result.WarmUp = warmUp;
            return result;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// One case: start the workflow, then publish each step's event as soon as the instance waits for it. A command's
    /// latency runs from the call until the next step is stored as waiting (or the workflow as complete) — the moment
    /// ServiceHall's grain call returns with the next step available.
    /// </summary>
    private static async Task DriveAsync(IWorkflowHost host, StepSignals signals, CommandLog log)
    {
        var key = Guid.NewGuid().ToString("N");
        var firstStep = signals.WhenSubscribed(CaseFlowWorkflow.Steps[0], key);
        var workflowId = await log.TimeAsync(async () =>
        {
            var id = await host.StartWorkflow(CaseFlowWorkflow.DefinitionId, 1, new CaseFlowData { CaseKey = key });
            await Within(firstStep, key, "open");
            return id;
        });

        for (var i = 0; i < CaseFlowWorkflow.Steps.Count; i++)
        {
            var step = CaseFlowWorkflow.Steps[i];
            var next = i + 1 < CaseFlowWorkflow.Steps.Count
                ? signals.WhenSubscribed(CaseFlowWorkflow.Steps[i + 1], key)
                : signals.WhenComplete(workflowId);
            await log.TimeAsync(async () =>
            {
                await host.PublishEvent(step, key, Payload);
                await Within(next, key, step);
                return 0;
            });
        }

        var instance = await host.PersistenceStore.GetWorkflowInstance(workflowId);
        if (instance.Status != WorkflowStatus.Complete || !((CaseFlowData)instance.Data).Closed)
        {
            throw new InvalidOperationException($"WorkflowCore instance {workflowId} ended {instance.Status}, not Complete.");
        }
    }

    // A lost event would otherwise hang the run; a minute is far beyond any poll interval.
    private static async Task Within(Task signal, string key, string step)
    {
        try
        {
            await signal.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"WorkflowCore case {key}: no progress within 60 s after '{step}'.");
        }
    }
}
