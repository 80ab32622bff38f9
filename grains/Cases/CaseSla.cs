using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases.Sla;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The statutory clock on the grain: a tick (or activation) catches up through the pipeline, and the one reminder
/// that wakes the case follows its next threshold. The clock's rules are <see cref="CaseClockStep"/>.
/// </summary>
internal sealed partial class CaseGrain
{
    private CaseClockStep? _clockStep;

    private CaseClockStep ClockStep => _clockStep ??= new(calendar, runtime);

    private SlaMath Sla => ClockStep.Math;

    /// <summary>On a tick or activation: raise what the clock has reached since the last write, then re-arm.</summary>
    private async Task CatchUpSlaAsync()
    {
        if (state.State.Status == CaseStatuses.Open && Sla.Overdue(state.State.Sla, clock.GetUtcNow()).Count > 0)
        {
            // The workflow version must be loaded for a breach to fire the workflow's own SLA timer.
            await PreparedAsync();
            await ExecuteAsync(CaseRequest.FromSystem(SlaTickAction.ActionName), SlaTickAction.Instance);
            return;
        }

        await SyncSlaReminderAsync();
    }

    private async Task SyncSlaReminderAsync()
    {
        var now = clock.GetUtcNow();
        var next = state.State.Status == CaseStatuses.Open ? Sla.NextThreshold(state.State.Sla, now) : null;
        try
        {
            if (next is { } due)
            {
                if (_slaReminderDue != due)
                {
                    var dueIn = due - now;
                    _slaReminder = null;
                    _slaReminder = await this.RegisterOrUpdateReminder(CaseTimers.SlaReminder, dueIn > TimeSpan.FromSeconds(1) ? dueIn : TimeSpan.FromSeconds(1), CaseTimers.RetryPeriod);
                    _slaReminderDue = due;
                }
            }
            else if (_slaReminderDue is not null || _slaReminderUnknown)
            {
                await UnregisterSlaReminderAsync();
                _slaReminderDue = null;
            }

            _slaReminderUnknown = false;
        }
        catch (Exception exception)
        {
            _slaReminderUnknown = true;
            logger.LogWarning(exception, "Case {Case}: SLA reminder not re-armed; the next change or activation retries", state.State.Id);
        }
    }

    /// <summary>
    /// Removes the SLA reminder. The handle this activation registered is used first, sparing the reminder table a read
    /// when the case closes; should it be stale (someone else re-registered it), the table's current one is removed.
    /// </summary>
    private async Task UnregisterSlaReminderAsync()
    {
        if (_slaReminder is { } registered && !_slaReminderUnknown)
        {
            _slaReminder = null;
            try
            {
                await this.UnregisterReminder(registered);
                return;
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "Case {Case}: SLA reminder handle stale; removing the stored one", state.State.Id);
            }
        }

        if (await this.GetReminder(CaseTimers.SlaReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // What this activation last registered; unknown after activation, so the first sync checks the table.
    private DateTimeOffset? _slaReminderDue;
    private bool _slaReminderUnknown = true;
    private IGrainReminder? _slaReminder;
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
