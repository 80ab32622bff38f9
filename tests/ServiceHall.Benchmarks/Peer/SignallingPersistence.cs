using System.Collections.Concurrent;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace ServiceHall.Benchmarks.Peer;

/// <summary>
/// WorkflowCore's own in-memory persistence, observed: it tells the load generator the moment a case's next
/// subscription is stored (the step is waiting for its human) or the workflow is stored complete. That replaces
/// polling, which would spend the peer's CPU on the harness; every call is passed through unchanged.
/// </summary>
internal sealed class SignallingPersistence(IPersistenceProvider inner, StepSignals signals) : IPersistenceProvider
{
    public bool SupportsScheduledCommands => inner.SupportsScheduledCommands;

    public async Task PersistWorkflow(WorkflowInstance workflow, List<EventSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        await inner.PersistWorkflow(workflow, subscriptions, cancellationToken);
        foreach (var subscription in subscriptions)
        {
            signals.Subscribed(subscription.EventName, subscription.EventKey);
        }

        signals.Persisted(workflow);
    }

    public async Task PersistWorkflow(WorkflowInstance workflow, CancellationToken cancellationToken = default)
    {
        await inner.PersistWorkflow(workflow, cancellationToken);
        signals.Persisted(workflow);
    }

    public async Task<string> CreateEventSubscription(EventSubscription subscription, CancellationToken cancellationToken = default)
    {
        var id = await inner.CreateEventSubscription(subscription, cancellationToken);
        signals.Subscribed(subscription.EventName, subscription.EventKey);
        return id;
    }

    public Task<string> CreateNewWorkflow(WorkflowInstance workflow, CancellationToken cancellationToken = default) => inner.CreateNewWorkflow(workflow, cancellationToken);
    public Task<IEnumerable<string>> GetRunnableInstances(DateTime asAt, CancellationToken cancellationToken = default) => inner.GetRunnableInstances(asAt, cancellationToken);
    [Obsolete("A pass-through of WorkflowCore's obsolete query; nothing here calls it.")]
    public Task<IEnumerable<WorkflowInstance>> GetWorkflowInstances(WorkflowStatus? status, string type, DateTime? createdFrom, DateTime? createdTo, int skip, int take) => inner.GetWorkflowInstances(status, type, createdFrom, createdTo, skip, take);
    public Task<WorkflowInstance> GetWorkflowInstance(string Id, CancellationToken cancellationToken = default) => inner.GetWorkflowInstance(Id, cancellationToken);
    public Task<IEnumerable<WorkflowInstance>> GetWorkflowInstances(IEnumerable<string> ids, CancellationToken cancellationToken = default) => inner.GetWorkflowInstances(ids, cancellationToken);
    public Task<IEnumerable<EventSubscription>> GetSubscriptions(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) => inner.GetSubscriptions(eventName, eventKey, asOf, cancellationToken);
    public Task TerminateSubscription(string eventSubscriptionId, CancellationToken cancellationToken = default) => inner.TerminateSubscription(eventSubscriptionId, cancellationToken);
    public Task<EventSubscription> GetSubscription(string eventSubscriptionId, CancellationToken cancellationToken = default) => inner.GetSubscription(eventSubscriptionId, cancellationToken);
    public Task<EventSubscription> GetFirstOpenSubscription(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) => inner.GetFirstOpenSubscription(eventName, eventKey, asOf, cancellationToken);
    public Task<bool> SetSubscriptionToken(string eventSubscriptionId, string token, string workerId, DateTime expiry, CancellationToken cancellationToken = default) => inner.SetSubscriptionToken(eventSubscriptionId, token, workerId, expiry, cancellationToken);
    public Task ClearSubscriptionToken(string eventSubscriptionId, string token, CancellationToken cancellationToken = default) => inner.ClearSubscriptionToken(eventSubscriptionId, token, cancellationToken);
    public Task<string> CreateEvent(Event newEvent, CancellationToken cancellationToken = default) => inner.CreateEvent(newEvent, cancellationToken);
    public Task<Event> GetEvent(string id, CancellationToken cancellationToken = default) => inner.GetEvent(id, cancellationToken);
    public Task<IEnumerable<string>> GetRunnableEvents(DateTime asAt, CancellationToken cancellationToken = default) => inner.GetRunnableEvents(asAt, cancellationToken);
    public Task<IEnumerable<string>> GetEvents(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) => inner.GetEvents(eventName, eventKey, asOf, cancellationToken);
    public Task MarkEventProcessed(string id, CancellationToken cancellationToken = default) => inner.MarkEventProcessed(id, cancellationToken);
    public Task MarkEventUnprocessed(string id, CancellationToken cancellationToken = default) => inner.MarkEventUnprocessed(id, cancellationToken);
    public Task PersistErrors(IEnumerable<ExecutionError> errors, CancellationToken cancellationToken = default) => inner.PersistErrors(errors, cancellationToken);
    public void EnsureStoreExists() => inner.EnsureStoreExists();
    public Task ScheduleCommand(ScheduledCommand command) => inner.ScheduleCommand(command);
    public Task ProcessCommands(DateTimeOffset asOf, Func<ScheduledCommand, Task> action, CancellationToken cancellationToken = default) => inner.ProcessCommands(asOf, action, cancellationToken);
}

/// <summary>One-shot waiters the load generator arms before it acts, completed by <see cref="SignallingPersistence"/>.</summary>
internal sealed class StepSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();

    /// <summary>Completes when a subscription for (<paramref name="eventName"/>, <paramref name="eventKey"/>) is stored.</summary>
    public Task WhenSubscribed(string eventName, string eventKey) => Arm($"sub/{eventName}/{eventKey}");

    /// <summary>Completes when workflow <paramref name="workflowId"/> is stored with status Complete.</summary>
    public Task WhenComplete(string workflowId) => Arm($"done/{workflowId}");

    public void Subscribed(string eventName, string eventKey) => Fire($"sub/{eventName}/{eventKey}");

    public void Persisted(WorkflowInstance workflow)
    {
        if (workflow.Status == WorkflowStatus.Complete)
        {
            Fire($"done/{workflow.Id}");
        }
    }

    // Continuations run asynchronously so the load generator never runs on WorkflowCore's consumer threads.
    private Task Arm(string key) =>
        _waiting.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private void Fire(string key)
    {
        if (_waiting.TryRemove(key, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
