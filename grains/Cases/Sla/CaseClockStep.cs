using System.Text.Json.Nodes;
using ServiceHall.Grains.Calendar;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases.Sla;

/// <summary>
/// The pipeline's clock step: the statutory clock starts at acceptance (the instant channel's hour at opening),
/// pauses while the applicant corrects, while suspended and while a coordinator holds it, raises each threshold
/// once, and at 100 % fires the workflow's own SLA timer so its "breached" path runs on the hall's calendar.
/// </summary>
internal sealed class CaseClockStep(WorkingCalendar calendar, WorkflowRuntime runtime)
{
    private static readonly HashSet<BoardStage> BeforeAcceptance = [BoardStage.None, BoardStage.Acceptance, BoardStage.AwaitingCorrection, BoardStage.Closed];

    public SlaMath Math { get; } = new(calendar);

    public static SlaClock ClockFor(string channel, int timeLimitDays, DateTimeOffset now) => channel == "instant"
        ? new SlaClock { Mode = SlaModes.Wall, Budget = TimeSpan.FromMinutes(60), StartedAt = now }
        : new SlaClock { Mode = SlaModes.WorkingDays, Budget = TimeSpan.FromDays(timeLimitDays) };

    /// <summary>
    /// Brings the clock in step with the case as changed by this command; journals each threshold reached. At 100 %
    /// the workflow's own SLA timer fires, so the breach path the definition draws runs (its messages included);
    /// only a workflow without one gets the hall's standard breach message. Returns the effects it added.
    /// </summary>
    public List<WorkflowEffect> Advance(CaseState next, DateTimeOffset now)
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

        next.DueAt = Math.DueAt(clock, now);
        next.SlaWakeAt = WakeAt(next, now);
        return effects;
    }

    /// <summary>When the case must next be woken for its clock: its next threshold while open, else never.</summary>
    public DateTimeOffset? WakeAt(CaseState state, DateTimeOffset now) =>
        state.Status == CaseStatuses.Open ? Math.NextThreshold(state.Sla, now) : null;

    private void RaiseOverdueAlerts(CaseState next, DateTimeOffset now, List<WorkflowEffect> effects)
    {
        foreach (var alert in Math.Overdue(next.Sla, now))
        {
            next.Sla.Alerts.Add(alert);
            next.Journal.Add(CaseChanges.Entry(next, CaseActors.System, "sla-alert", next.Workflow.Stage, next.Workflow.Stage,
                CaseJournalNote.Of(CaseJournalKinds.SlaThreshold, ("percent", alert.Percent), ("reachedAt", alert.ReachedAt.ToString("O"))), [], now));
            var raised = new List<WorkflowEffect>();
            if (alert.Percent < 100 || !FireWorkflowSlaTimers(next, now, raised))
            {
                raised.Add(new SendNotification("manager", "internal", alert.Percent >= 100 ? "sla-breached" : "sla-alert",
                    new JsonObject { ["percent"] = alert.Percent }));
            }

            CaseChanges.ApplyStateEffects(next, raised, $"{next.Id}:sla:{alert.Percent}", now);
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
                CaseChanges.FollowWorkflow(next, result, effects);
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
}
