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

    /// <summary>Brings the clock in step with the case as changed by this command; journals any threshold reached.</summary>
    private void AdvanceSla(CaseState next, DateTimeOffset now)
    {
        var clock = next.Sla;
        if (clock.StartedAt is null && next.Status == CaseStatuses.Open && !BeforeAcceptance.Contains(next.Workflow.Stage))
        {
            clock.StartedAt = now;
        }

        if (clock.StartedAt is not null && clock.StoppedAt is null)
        {
            RaiseOverdueAlerts(next, now);
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
    }

    private void RaiseOverdueAlerts(CaseState next, DateTimeOffset now)
    {
        foreach (var alert in Sla.Overdue(next.Sla, now))
        {
            next.Sla.Alerts.Add(alert);
            var reached = alert.ReachedAt.ToOffset(calendar.Offset);
            next.Journal.Add(Entry(next, SystemActor, "sla-alert", next.Workflow.Stage, next.Workflow.Stage,
                CaseJournal.Entry(CaseJournalKinds.SlaThreshold, ("percent", alert.Percent), ("reachedAt", reached)), []));
            Enqueue(next, $"{next.Id}:sla:{alert.Percent}", "manager", "internal",
                alert.Percent >= 100 ? "sla-breached" : "sla-alert", new JsonObject { ["percent"] = alert.Percent });
            if (alert.Percent >= 100)
            {
                FireWorkflowSlaTimers(next, now);
            }
        }
    }

    private void FireWorkflowSlaTimers(CaseState next, DateTimeOffset now)
    {
        if (!runtime.TryGetPrepared(next.DefinitionVersionId, out var workflow))
        {
            return;
        }

        foreach (var timer in next.Workflow.Timers.Where(t => t.Purpose == TimerPurpose.Sla).ToList())
        {
            var fired = runtime.Interpreter.FireTimer(workflow!, next.Workflow, new TimerFired(now, timer.Id));
            if (fired.Succeeded)
            {
                next.Workflow = fired.State;
                next.WorkflowJournal.AddRange(fired.Journal);
            }
        }
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
        var now = clock.GetUtcNow();
        if (state.State.Status == CaseStatuses.Open && Sla.Overdue(state.State.Sla, now).Count > 0)
        {
            // The workflow version must be loaded for a breach to fire the workflow's own SLA timer.
            await PreparedAsync();
            var next = state.State.Copy();
            next.Version++;
            next.UpdatedAt = now;
            AdvanceSla(next, now);
            await CommitAsync(next);
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

    private static readonly CaseActor SystemActor = new("system", "system");
}
