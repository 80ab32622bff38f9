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
        if (state.State.Id is not null)
        {
            await CatchUpSlaAsync();
        }
    }

    /// <summary>
    /// On a wake or activation: raise what the clock has reached since the last write. A case stored without its wake
    /// time (before the sweep existed, or by a silo of that release during a rolling upgrade) gets it on its board row
    /// only, so the sweep finds it and the case keeps its version: reading a case never changes it.
    /// </summary>
    private async Task CatchUpSlaAsync()
    {
        var current = state.State;
        var now = clock.GetUtcNow();
        if (current.Status != CaseStatuses.Open)
        {
            return;
        }

        if (Sla.Overdue(current.Sla, now).Count > 0)
        {
            // The workflow version must be loaded for a breach to fire the workflow's own SLA timer.
            await PreparedAsync();
            await ExecuteAsync(CaseRequest.FromSystem(SlaTickAction.ActionName), SlaTickAction.Instance);
        }
        else if (ClockStep.WakeAt(current, now) is var wakeAt && wakeAt != current.SlaWakeAt)
        {
            await summaryRows.WriteWakeAsync(current.Id!, current.Version, wakeAt);

            // Only this copy learns it; the head gets it with the case's next write, and until then each activation
            // sets it on the row again (one small update).
            current.SlaWakeAt = wakeAt;
        }
    }

    /// <summary>A reminder of a release before the SLA sweep, found on this case and not removed yet.</summary>
    private IGrainReminder? _earlierSlaReminder;

    /// <summary>
    /// Removes the reminder each open case kept before the SLA sweep, once the stored case has its wake time (the
    /// catch-up writes it when it had none).
    /// </summary>
    private async Task RetireEarlierSlaReminderAsync()
    {
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
