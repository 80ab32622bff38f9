using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases.Sla;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The statutory clock on the grain: a wake by the SLA sweep (or an activation) catches up through the pipeline. When
/// the clock next reaches a threshold is written with the case (<see cref="CaseState.SlaWakeAt"/>, on its board row),
/// where <see cref="SlaSweepGrain"/> finds it. The clock's rules are <see cref="CaseClockStep"/>.
/// </summary>
internal sealed partial class CaseGrain
{
    private CaseClockStep? _clockStep;

    private CaseClockStep ClockStep => _clockStep ??= new(calendar, runtime);

    private SlaMath Sla => ClockStep.Math;

    async Task ICaseGrain.CatchUpClockAsync()
    {
        // A row this activation wrote (or set right) holds the wake time its clock calls for; any other may be one an
        // earlier release's silo left due.
        _rowWakeDue = !_rowWrittenHere;
        if (await CatchUpSlaAsync())
        {
            return;
        }

        if (await CaughtUpWithStoreAsync())
        {
            // This copy was behind storage (another copy moved the case on): decide again from the latest version.
            _rowWrittenHere = false;
            _rowWakeDue = true;
            if (await CatchUpSlaAsync())
            {
                return;
            }
        }

        if (!_rowWakeDue)
        {
            // The row was not known to be wrong; the failure is logged and the next activation sets it.
            return;
        }

        // Thrown so the sweep logs it and leaves the case out for a while instead of waking it every minute.
        throw new InvalidOperationException($"Case {this.GetPrimaryKeyString()}: its board row says its SLA clock is due, and it could not be set right.");
    }

    /// <summary>
    /// On a wake or activation: raise what the clock has reached since the last write. A case whose board row does not
    /// hold the wake time its clock calls for (stored before the sweep existed, or written by a silo of that release
    /// during a rolling upgrade, which leaves the column as it was) gets it set on the row only: the sweep then finds
    /// it, or stops finding it, and the case keeps its version, since reading a case never changes it. False when the
    /// row could not be set right (it is at another version, or its case has no head).
    /// </summary>
    private async Task<bool> CatchUpSlaAsync()
    {
        var current = state.State;
        if (current.Id is null)
        {
            return !_rowWakeDue;
        }

        var now = clock.GetUtcNow();
        if (current.Status == CaseStatuses.Open && Sla.Overdue(current.Sla, now).Count > 0)
        {
            // The workflow version must be loaded for a breach to fire the workflow's own SLA timer. The write carries
            // the whole row, its next wake time included.
            await PreparedAsync();
            await ExecuteAsync(CaseRequest.FromSystem(SlaTickAction.ActionName), SlaTickAction.Instance);
            _rowWakeDue = false;
            return true;
        }

        var wakeAt = ClockStep.WakeAt(current, now);
        if (wakeAt == current.SlaWakeAt && !(_rowWakeDue && (wakeAt is null || wakeAt > now)))
        {
            _rowWakeDue = false;
            return true;
        }

        try
        {
            if (!await summaryRows.WriteWakeAsync(current.Id, current.Version, wakeAt))
            {
                logger.LogWarning("Case {Case}: its board row is not at version {Version}; its SLA wake time was not set", current.Id, current.Version);
                return false;
            }

            // Only this copy learns it; the head gets it with the case's next write, and until then each activation
            // sets it on the row again (one small update).
            current.SlaWakeAt = wakeAt;
            _rowWakeDue = false;
            _rowWrittenHere = true;
            state.RowChangedOutsideASave();
            return true;
        }
        catch (Exception exception)
        {
            // Any reminder of an earlier release stays (it is retired only once the wake time is stored), and the
            // next activation or sweep tries again.
            logger.LogWarning(exception, "Case {Case}: its SLA wake time was not set on its board row", current.Id);
            return false;
        }
    }

    /// <summary>Whether the board row is known to hold the wake time the case's clock calls for (none for a case not open).</summary>
    private bool SlaWakeStored => !_rowWakeDue && state.State.SlaWakeAt == ClockStep.WakeAt(state.State, clock.GetUtcNow());

    // Set when the sweep found this case's row due: a row an earlier release's silo wrote may say so wrongly (a case it
    // closed, paused or moved on keeps the old wake time), and only a write puts it right.
    private bool _rowWakeDue;

    // This activation saved the case (with its row) or set the row's wake time: the row is known to be right.
    private bool _rowWrittenHere;

    /// <summary>A reminder of a release before the SLA sweep, found on this case and not removed yet.</summary>
    private IGrainReminder? _earlierSlaReminder;

    /// <summary>
    /// Removes the reminder each open case kept before the SLA sweep, once the stored case has its wake time (the
    /// catch-up writes it when it had none); until then the reminder stays, so a case always has one or the other.
    /// </summary>
    private async Task RetireEarlierSlaReminderAsync()
    {
        if (!SlaWakeStored)
        {
            return;
        }

        try
        {
            if ((_earlierSlaReminder ?? await this.GetReminder(CaseTimers.SlaReminder)) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _earlierSlaReminder = null;
        }
        catch (Exception exception)
        {
            // A stale handle or a storage error: it fires again later and is retired then; the sweep wakes the case meanwhile.
            _earlierSlaReminder = null;
            logger.LogDebug(exception, "Case {Case}: the SLA reminder of an earlier release was not removed yet", state.State.Id);
        }
    }
}

/// <summary>The statutory clock's tick: no change of its own; the pipeline's clock step raises what is due.</summary>
internal sealed class SlaTickAction : ICaseAction
{
    public const string ActionName = "sla-tick";

    public static readonly SlaTickAction Instance = new();

    public string Name => ActionName;

    public IEnumerable<CaseActionView> Offered(CaseState state) => [];

    public ValueTask<CaseDecision> DecideAsync(CaseActionContext context) =>
        ValueTask.FromResult(context.Next.Status == CaseStatuses.Open ? CaseDecision.ClockOnly : CaseDecision.Nothing);
}
