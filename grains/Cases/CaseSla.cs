using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Cases.Sla;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The case's statutory clock: starts at acceptance (the instant channel's hour at opening), pauses while the
/// applicant corrects and while suspended, raises each threshold once, and at 100 % fires the workflow's own SLA
/// timer so its "breached" path runs on the hall's calendar rather than on calendar days.
/// </summary>
internal sealed partial class CaseGrain
{
    private static readonly HashSet<BoardStage> BeforeAcceptance = [BoardStage.None, BoardStage.Acceptance, BoardStage.AwaitingCorrection, BoardStage.Closed];

    private SlaMath? _slaMath;

    private SlaMath Sla => _slaMath ??= new(calendar);

    private static SlaClock SlaClockFor(string channel, int timeLimitDays, DateTimeOffset now) => channel == "instant"
        ? new SlaClock { Mode = SlaModes.Wall, Budget = TimeSpan.FromMinutes(60), StartedAt = now }
        : new SlaClock { Mode = SlaModes.WorkingDays, Budget = TimeSpan.FromDays(timeLimitDays) };

    /// <summary>
    /// Brings the clock in step with the case as changed by this command; journals each threshold reached. At 100 %
    /// the workflow's own SLA timer fires, so the breach path the definition draws runs (its messages included);
    /// only a workflow without one gets the hall's standard breach message. Returns the effects it added.
    /// </summary>
    private List<WorkflowEffect> AdvanceSla(CaseState next, DateTimeOffset now)
    {
        var effects = new List<WorkflowEffect>();
        var clock = next.Sla;
        if (clock.StartedAt is null && next.Status == CaseStatuses.Open && !BeforeAcceptance.Contains(next.Workflow.Stage))
        {
            clock.StartedAt = now;
        }

        if (clock.StartedAt is not null && clock.StoppedAt is null)
        {
            RaiseOverdueAlerts(next, now, effects);
            if (CaseStatuses.IsFinal(next.Status))
            {
                CloseOpenPause(clock, now);
                clock.StoppedAt = now;
            }
            else
            {
                var shouldRun = next.Status == CaseStatuses.Open && next.Workflow.Stage != BoardStage.AwaitingCorrection
                    && clock.HeldSince is null;
                if (shouldRun)
                {
                    CloseOpenPause(clock, now);
                }
                else if (!clock.IsPaused)
                {
                    clock.Pauses.Add(new SlaPause(now, null,
                        next.Status == CaseStatuses.Suspended ? "suspended" : clock.HeldSince is not null ? "coordinator" : "awaiting-correction"));
                }
            }
        }

        next.DueAt = Sla.DueAt(clock, now);
        return effects;
    }

    private void RaiseOverdueAlerts(CaseState next, DateTimeOffset now, List<WorkflowEffect> effects)
    {
        foreach (var alert in Sla.Overdue(next.Sla, now))
        {
            next.Sla.Alerts.Add(alert);
            next.Journal.Add(Entry(next, CaseActors.System, "sla-alert", next.Workflow.Stage, next.Workflow.Stage,
                CaseJournalNote.Of(CaseJournalKinds.SlaThreshold, ("percent", alert.Percent), ("reachedAt", alert.ReachedAt.ToString("O"))), []));
            var sequence = next.Journal.Count;
            var raised = new List<WorkflowEffect>();
            if (alert.Percent < 100 || !FireWorkflowSlaTimers(next, now, raised))
            {
                raised.Add(new SendNotification("manager", "internal", alert.Percent >= 100 ? "sla-breached" : "sla-alert",
                    new JsonObject { ["percent"] = alert.Percent }));
            }

            ApplyStateEffects(next, raised, $"{next.Id}:sla:{alert.Percent}", now);
            effects.AddRange(raised);
        }
    }

    /// <summary>Fires the workflow's SLA timers (the case's statutory clock stands in for them); false when it has none.</summary>
    private bool FireWorkflowSlaTimers(CaseState next, DateTimeOffset now, List<WorkflowEffect> effects)
    {
        if (!runtime.TryGetPrepared(next.DefinitionVersionId, out var workflow))
        {
            return false;
        }

        var fired = false;
        foreach (var timer in next.Workflow.Timers.Where(t => t.Purpose == TimerPurpose.Sla).ToList())
        {
            var result = runtime.Interpreter.FireTimer(workflow!, next.Workflow, new TimerFired(now, timer.Id));
            if (result.Succeeded)
            {
                FollowWorkflow(next, result, effects);
                fired = true;
            }
        }

        return fired;
    }

    private static void CloseOpenPause(SlaClock clock, DateTimeOffset now)
    {
        if (clock.IsPaused)
        {
            var open = clock.Pauses[^1];
            clock.Pauses[^1] = open with { To = now };
        }
    }

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
                    await this.RegisterOrUpdateReminder(CaseTimers.SlaReminder, dueIn > TimeSpan.FromSeconds(1) ? dueIn : TimeSpan.FromSeconds(1), CaseTimers.RetryPeriod);
                    _slaReminderDue = due;
                }
            }
            else if (_slaReminderDue is not null || _slaReminderUnknown)
            {
                if (await this.GetReminder(CaseTimers.SlaReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

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

    // What this activation last registered; unknown after activation, so the first sync checks the table.
    private DateTimeOffset? _slaReminderDue;
    private bool _slaReminderUnknown = true;
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
