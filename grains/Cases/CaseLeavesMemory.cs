using Microsoft.Extensions.Logging;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// A closed case leaves memory as soon as nothing is left for its activation to do. Issue 20: every closed case stayed
/// active for Orleans' default collection age (15 minutes), and the collector carried ~11,000 of them in gen2 under the
/// benchmark's load, with the pauses that go with a heap that size. A closed case is rarely touched again (a tracking
/// lookup, a certificate read), and its next activation reads it back from the store: idempotency keys, the version
/// (<c>If-Match</c>) and the outbox are all stored, so nothing an answer depends on lives only in memory.
/// <para>
/// An open case idle for <see cref="OpenCaseIdleMinutes"/> leaves too, instead of after 15. Its steps are taken by
/// different people hours or days apart, so nearly every step reactivates it under either age; what the shorter age
/// keeps warm is a clerk's working session on one case (several actions and re-reads within minutes). Memory per idle
/// open case is then held a third as long: the live set of a hall whose steps are spread out is about commands per
/// second × age × bytes per case, the thing the collector walks and pauses on.
/// </para>
/// </summary>
[CollectionAgeLimit(Minutes = OpenCaseIdleMinutes)]
internal sealed partial class CaseGrain
{
    /// <summary>Minutes an idle (open) case stays in memory; Orleans' default is 15.</summary>
    internal const double OpenCaseIdleMinutes = 5;

    /// <summary>How long a closed case read back into memory (a lookup, a retried command) stays before it leaves again.</summary>
    internal static readonly TimeSpan ClosedCaseStay = TimeSpan.FromMinutes(2);

    private IGrainTimer? _closedCaseCheck;

    /// <summary>
    /// Nothing pending for this activation: the case is closed, its messages handed to the gateway (sent marks not yet
    /// saved are saved by <see cref="OnDeactivateAsync"/>), its certificates registered, its workflow reminders (and
    /// any SLA reminder of an earlier release) known to be gone. Anything else still needs this activation's retries, so it stays.
    /// </summary>
    private bool Settled
    {
        get
        {
            var current = state.State;
            return current.Id is not null && CaseStatuses.IsFinal(current.Status)
                && current.Outbox.Count == 0
                && _certificateRetry is null
                && _registeredTimers is { Count: 0 }
                && _earlierSlaReminder is null;
        }
    }

    /// <summary>After a commit or a retry: a settled closed case is deactivated once the current call is answered.</summary>
    private void LeaveMemoryWhenSettled()
    {
        if (Settled)
        {
            this.DeactivateOnIdle();
        }
    }

    /// <summary>
    /// On activation of a closed case: instead of the default collection age, look again every
    /// <see cref="ClosedCaseStay"/> and leave once settled. Timer ticks do not count as use, so a case read once goes
    /// after one stay; one read repeatedly is simply read back again.
    /// </summary>
    private void LeaveMemorySoonIfClosed()
    {
        if (state.State.Id is not null && CaseStatuses.IsFinal(state.State.Status) && _closedCaseCheck is null)
        {
            _closedCaseCheck = this.RegisterGrainTimer(async () =>
            {
                // A fresh activation does not know which reminders the closing command left behind (it removed them
                // unless that failed): one look at the table settles it, removing any that remained.
                await SyncTimersAsync();
                LeaveMemoryWhenSettled();
            }, new GrainTimerCreationOptions(ClosedCaseStay, ClosedCaseStay) { KeepAlive = false });
        }
    }

    /// <summary>
    /// On the way out (idle, a shutdown, a rebalance): what only this activation knew is handed on. Queued messages are
    /// sent or left to the outbox reminder, certificates not yet entered are entered or left to theirs, and sent marks
    /// not yet saved are saved (should that fail, the messages go again and the gateway keeps each id once).
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Count > 0)
        {
            await SendOrRemindBeforeLeavingAsync(cancellationToken);
        }

        await EnterCertificatesBeforeLeavingAsync(cancellationToken);

        if (state.HasUnsavedChanges)
        {
            try
            {
                var next = state.State;
                var write = state.WriteFor(this.GetPrimaryKeyString(), next, summary: null);
                await store.SaveAsync(write, cancellationToken);
                state.Saved(next, write);
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "Case {Case}: sent-message marks not saved; they will be sent again and deduplicated", state.State.Id);
            }
        }
    }
}
