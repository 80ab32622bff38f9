using System.Text.Json.Nodes;
using ServiceHall.Grains.Cases.Sla;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>督办升级: raises the project's priority and tells the hall's manager.</summary>
internal sealed class EscalateAction : SteeringAction
{
    public override string Name => "escalate";

    protected override ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context, CoordinationState coordination)
    {
        if (context.RequiredText("reason", out var reason) is { } refusal)
        {
            return Refused(refusal);
        }

        var priority = Math.Min(coordination.Priority + 1, CaseCoordination.MaxPriority);
        context.Next.Coordination = coordination with { Priority = priority };
        return Done(CaseDecision.Accept(CaseJournalNote.Of(CaseJournalKinds.Escalated, ("priority", priority), ("reason", reason)),
            new SendNotification("manager", "internal", "escalated",
                new JsonObject { ["reason"] = reason, ["priority"] = priority, ["coordinator"] = context.Actor.Id })));
    }
}

/// <summary>暂停计时: the coordinator holds the statutory clock (a hearing, a site visit).</summary>
internal sealed class PauseClockAction : SteeringAction
{
    public override string Name => "pause-clock";

    protected override ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context, CoordinationState coordination)
    {
        if (context.RequiredText("reason", out var reason) is { } refusal)
        {
            return Refused(refusal);
        }

        var sla = context.Next.Sla;
        if (sla.StartedAt is null || sla.StoppedAt is not null || context.Next.Status != CaseStatuses.Open)
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "clock.notRunning", "The time-limit clock is not running for this case.")));
        }

        if (sla.HeldSince is not null)
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "clock.alreadyPaused", "The clock is already paused.")));
        }

        sla.HeldSince = context.Now;
        sla.HeldReason = reason;
        return Done(CaseDecision.Accept(CaseJournalNote.Of(CaseJournalKinds.ClockPaused, ("reason", reason))));
    }
}

/// <summary>恢复计时: the clock runs again and the plan's step deadlines move by the time it was held.</summary>
internal sealed class ResumeClockAction : SteeringAction
{
    public override string Name => "resume-clock";

    protected override ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context, CoordinationState coordination)
    {
        var next = context.Next;
        if (CaseStatuses.IsFinal(next.Status))
        {
            // A finished case's clock has stopped for good; resuming would shift due dates of a closed plan.
            return Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "case.notOpen", $"The case is {next.Status}; its clock no longer runs.")));
        }

        if (next.Sla.HeldSince is not { } heldSince)
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "clock.notPaused", "The clock is not paused.")));
        }

        var calendar = context.Services.Calendar;
        var wall = next.Sla.Mode == SlaModes.Wall;
        var paused = wall ? context.Now - heldSince : calendar.WorkingTimeBetween(heldSince, context.Now);
        next.Workflow = ReviewProgress.ShiftDueDates(next.Workflow, due => wall ? due + paused : calendar.AddWorkingTime(due, paused));
        next.Sla.HeldSince = null;
        next.Sla.HeldReason = null;
        return Done(CaseDecision.Accept(CaseJournalNote.Of(CaseJournalKinds.ClockResumed, ("pausedHours", Math.Round(paused.TotalHours, 2)))));
    }
}

/// <summary>反馈申请人: the coordinator's message to the applicant, kept with the project and sent by SMS.</summary>
internal sealed class FeedbackAction : SteeringAction
{
    public override string Name => "feedback";

    protected override ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context, CoordinationState coordination)
    {
        if (context.RequiredText("message", out var message) is { } refusal)
        {
            return Refused(refusal);
        }

        context.Next.Coordination = coordination with
        {
            Feedback = [.. coordination.Feedback, new CoordinatorFeedback(context.Now, context.Actor.Id, message)],
        };
        return Done(CaseDecision.Accept(CaseJournalNote.Of(CaseJournalKinds.FeedbackSent, ("message", message)),
            new SendNotification(Roles.Applicant, "sms", "coordinator-feedback", new JsonObject { ["message"] = message })));
    }
}

/// <summary>协调结案: closes the coordination once the departments' review is over.</summary>
internal sealed class CloseCoordinationAction : SteeringAction
{
    public override string Name => "close";

    protected override ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context, CoordinationState coordination)
    {
        if (context.RequiredText("summary", out var closing) is { } refusal)
        {
            return Refused(refusal);
        }

        var next = context.Next;
        if (next.Status == CaseStatuses.Open && next.Workflow.Stage is BoardStage.Acceptance or BoardStage.BackOfficeReview
                or BoardStage.AwaitingCorrection or BoardStage.FormalReview)
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "coordination.reviewNotOver", "A project is closed once its department review is over.")));
        }

        next.Coordination = coordination with { ClosedAt = context.Now, Summary = closing };
        return Done(CaseDecision.Accept(CaseJournalNote.Of(CaseJournalKinds.CoordinationClosed, ("summary", closing))));
    }
}
