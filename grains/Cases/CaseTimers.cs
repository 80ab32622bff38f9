using Microsoft.Extensions.Logging;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The case's reminders: workflow timers (named <c>timer:{id}</c>), so they survive restarts and fire on any silo, and
/// the retries a leaving activation hands on (the outbox's messages, the register's certificates).
/// </summary>
internal static class CaseTimers
{
    public const string Prefix = "timer:";

    /// <summary>
    /// The reminder that woke each open case at its next SLA threshold before the SLA sweep (<c>SlaSweepGrain</c>) did:
    /// only retired now, as the cases that still have one catch up.
    /// </summary>
    public const string SlaReminder = "sla";

    /// <summary>Retries undelivered messages should the case deactivate before the gateway took them.</summary>
    public const string OutboxReminder = "outbox";

    /// <summary>Enters certificates the register did not take before the case left memory (a shutdown, a rebalance).</summary>
    public const string CertificatesReminder = "certificates";

    // A reminder repeats until unregistered; if handling a tick fails, the next one an hour later retries it.
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromHours(1);

    public static string ReminderName(string timerId) => Prefix + timerId;

    public static string? TimerId(string reminderName) =>
        reminderName.StartsWith(Prefix, StringComparison.Ordinal) ? reminderName[Prefix.Length..] : null;
}

internal sealed partial class CaseGrain
{
    private HashSet<string>? _registeredTimers;

    /// <summary>A retry a leaving activation hands on (the outbox's, the certificates'): ticks every minute until dropped.</summary>
    private Task RegisterRetryReminderAsync(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    /// <summary>Drops the retry reminder <paramref name="name"/> once nothing is left for it.</summary>
    private async Task DropRetryReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Writing the state and registering its reminders are two steps; a silo lost between them leaves an open case
    /// without its timer (and so without the tick that would repair it), so each activation brings them back in step.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.Loaded(await store.LoadAsync(this.GetPrimaryKeyString(), Storage.CaseLoad.ForActivation, cancellationToken));
        if (state.State.Id is not null && state.State.Status == CaseStatuses.Open)
        {
            await SyncTimersAsync();

            // Thresholds passed while no silo held this case (downtime, a sweep not yet run) are raised now.
            await CatchUpSlaAsync();
            if (_earlierSlaReminder is not null)
            {
                await RetireEarlierSlaReminderAsync();
            }
        }

        if (state.State.Outbox.Count > 0)
        {
            _outboxReminderSet = true;
            await DispatchOutboxAsync();
        }

        // A registration that failed, or whose turn after the answer never came, was only remembered by the lost activation.
        if (state.State.Certificates.Count > 0)
        {
            await RegisterCertificatesAsync();
        }

        LeaveMemorySoonIfClosed();
    }

    /// <summary>
    /// The workflow's own timer effects after a write: a scheduled timer becomes its reminder, a cancelled one's
    /// reminder goes. The statutory clock's SLA timer is fired by the case's clock instead. A failure, or a case
    /// that is no longer open, falls back to matching the reminders to the state.
    /// </summary>
    private async Task ApplyTimerEffectsAsync(IReadOnlyList<WorkflowEffect> effects)
    {
        if (_registeredTimers is null || state.State.Status != CaseStatuses.Open || !state.State.Workflow.IsRunning)
        {
            await SyncTimersAsync();
            return;
        }

        try
        {
            var now = clock.GetUtcNow();
            foreach (var effect in effects)
            {
                if (effect is ScheduleTimer { Purpose: not TimerPurpose.Sla } schedule)
                {
                    var name = CaseTimers.ReminderName(schedule.TimerId);
                    var dueIn = schedule.DueAt - now;
                    await this.RegisterOrUpdateReminder(name, dueIn > TimeSpan.FromSeconds(1) ? dueIn : TimeSpan.FromSeconds(1), CaseTimers.RetryPeriod);
                    _registeredTimers.Add(name);
                }
                else if (effect is CancelTimer cancel && _registeredTimers.Remove(CaseTimers.ReminderName(cancel.TimerId)))
                {
                    if (await this.GetReminder(CaseTimers.ReminderName(cancel.TimerId)) is { } reminder)
                    {
                        await this.UnregisterReminder(reminder);
                    }
                }
            }
        }
        catch (Exception exception)
        {
            _registeredTimers = null;
            logger.LogWarning(exception, "Case {Case}: timer reminders not in step with the workflow yet; the next change retries", state.State.Id);
        }
    }

    /// <summary>
    /// Makes the registered reminders match the workflow's pending timers (none unless the case is open). Runs after
    /// every write, on every tick and on activation, so a crash between write and registration is repaired.
    /// </summary>
    private async Task SyncTimersAsync()
    {
        var current = state.State;
        var wanted = current.Status == CaseStatuses.Open && current.Workflow.IsRunning
            // The statutory clock is the case's own (working days, pauses); the workflow's SLA timer is fired by it.
            ? current.Workflow.Timers.Where(t => t.Purpose != TimerPurpose.Sla).ToDictionary(t => CaseTimers.ReminderName(t.Id), t => t.DueAt)
            : [];
        if (wanted.Count == 0 && _registeredTimers is { Count: 0 })
        {
            return;
        }

        try
        {
            if (_registeredTimers is null)
            {
                var reminders = await this.GetReminders();
                _registeredTimers = reminders.Select(r => r.ReminderName).Where(n => CaseTimers.TimerId(n) is not null).ToHashSet();
                if (reminders.FirstOrDefault(r => r.ReminderName == CaseTimers.SlaReminder) is { } earlier)
                {
                    // Kept until the stored case has its wake time (the activation's catch-up writes it), so a crash in
                    // between leaves the case with one or the other, never neither.
                    _earlierSlaReminder = earlier;
                    await RetireEarlierSlaReminderAsync();
                }
            }

            var now = clock.GetUtcNow();
            foreach (var (name, dueAt) in wanted)
            {
                if (_registeredTimers.Add(name))
                {
                    var dueIn = dueAt - now;
                    await this.RegisterOrUpdateReminder(name, dueIn > TimeSpan.FromSeconds(1) ? dueIn : TimeSpan.FromSeconds(1), CaseTimers.RetryPeriod);
                }
            }

            foreach (var name in _registeredTimers.Where(n => !wanted.ContainsKey(n)).ToList())
            {
                if (await this.GetReminder(name) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                _registeredTimers.Remove(name);
            }
        }
        catch (Exception exception)
        {
            _registeredTimers = null;
            logger.LogWarning(exception, "Case {Case}: timers not in step with the workflow yet; the next change retries", current.Id);
        }
    }
}
