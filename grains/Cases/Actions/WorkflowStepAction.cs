using System.Text.Json.Nodes;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Any action the workflow's open steps offer (accept, approve, request-correction, ...): the definition decides what
/// exists, the interpreter checks the step's roles and scope and moves the workflow.
/// </summary>
internal sealed class WorkflowStepAction : ICaseAction
{
    public static readonly WorkflowStepAction Instance = new();

    public string Name => "step";

    public IEnumerable<CaseActionView> Offered(CaseState state) => state.Status == CaseStatuses.Open
        ? state.Workflow.AvailableActions().SelectMany(a => a.Roles.Select(role => new CaseActionView(a.Name, a.StepId, role, a.Label)))
        : [];

    public async ValueTask<CaseDecision> DecideAsync(CaseActionContext context)
    {
        var next = context.Next;
        var request = context.Request;
        if (next.Status != CaseStatuses.Open)
        {
            return context.Refuse(CaseOutcome.Conflict, next.Status == CaseStatuses.Suspended
                ? FieldError.Of("action", "case.suspended", "The case is suspended (中止); a reviewer must resume it first.")
                : FieldError.Of("action", "case.notOpen", $"The case is {next.Status} and accepts no more steps."));
        }

        // Only a resubmission or a command carrying uploads has anything to check here; asked first, so the list of
        // available actions a refusal carries is not built for every other command (issue 20).
        if ((request.Action == ActionNames.Resubmit || request.Uploads.Count > 0)
            && CaseUploads.CheckResubmission(next, request, context.Available) is { } badUploads)
        {
            return badUploads;
        }

        // Who may act on which step is the case policy's (the step's own rule plus the case's hall, departments, coordinator),
        // decided on the case as it stands: nothing above moved the copy.
        var workflow = await context.Services.Workflow();
        var placement = context.Placement;
        var resumed = context.Services.Interpreter.Resume(workflow, next.Workflow,
            new ResumeStep(context.Now, request.Action, context.Actor.ToWorkflowActor(), context.Payload, request.StepId,
                step => Policy.CasePolicy.StepRefusal(context.Actor, placement, step, request.Action)));
        var refused = resumed.Succeeded ? null : CaseRefusals.From(resumed.Error!, context.Available);

        // Checked once the step has accepted this actor (a refused field means it has), so only its coordinator learns
        // what the directory holds; a plan's every mistake, the directory's and the body's, is answered at once.
        if (request.Action == ActionNames.Route && (refused is null || resumed.Error is InvalidPayload)
            && RoutingDirectoryRule.Refusal(context, await RoutingDirectoryRule.ErrorsAsync(context), refused) is { } plan)
        {
            return CaseDecision.Refuse(plan);
        }

        if (refused is not null)
        {
            return refused;
        }

        CertificateCollection? collection = null;
        if ((request.Action == ActionNames.PickedUp ? StepInputRules.CheckCollection(context, out collection) : StepInputRules.Check(context)) is { } badInput)
        {
            return badInput;
        }

        if (collection is not null)
        {
            next.Collection = collection;
        }

        if (request.Action == ActionNames.Approve)
        {
            next.Opinions.Add(new ReviewOpinion
            {
                Department = ClosedStep(context, resumed.State)?.Department,
                Opinion = context.OptionalText("opinion")!,
                By = context.Actor.Id,
                At = context.Now,
            });
        }

        if (request.Action == ActionNames.RequestCorrection)
        {
            next.CorrectionRounds++;
        }

        if (request.Action == ActionNames.Mailed && context.OptionalText("emsTrackingNo") is { } waybill)
        {
            next.EmsTrackingNumber = waybill;
        }

        next.Uploads.AddRange(request.Uploads.Select(u => u with { Round = next.CorrectionRounds, UploadedAt = context.Now }));
        return CaseDecision.Moved(resumed, Note(context, collection).WithUploads(request.Uploads));
    }

    /// <summary>The open step this action closed: the one named, else the one offering it that is no longer open.</summary>
    private static OpenStep? ClosedStep(CaseActionContext context, WorkflowState after) =>
        context.Current.Workflow.OpenSteps.FirstOrDefault(s => s.Actions.Contains(context.Request.Action)
            && (context.Request.StepId is { } id ? s.Id == id : after.OpenSteps.All(o => o.Id != s.Id)));

    // The collector's identity number is journaled masked: the journal is shown and exported, the number is not needed there.
    private static CaseJournalNote Note(CaseActionContext context, CertificateCollection? collection)
    {
        var note = CaseJournalNote.Of(CaseJournalKinds.Step,
            ("reason", context.OptionalText("reason")), ("comment", context.OptionalText("comment")), ("opinion", context.OptionalText("opinion")),
            ("form", context.OptionalText("form")), ("emsTrackingNo", context.OptionalText("emsTrackingNo")),
            ("by", collection?.Name ?? context.OptionalText("by")), ("collector", collection?.Collector),
            ("idType", collection?.IdType), ("idNumber", collection is null ? null : Mask.IdNumber(collection.IdNumber)),
            ("deficiencies", context.Request.Action == ActionNames.RequestCorrection && context.Payload["deficiencies"] is JsonArray list ? list.Count : null));
        return context.Request.Action == ActionNames.Resubmit ? note.WithAnswers(context.Payload["answers"] as JsonArray) : note;
    }
}

/// <summary>A workflow timer the case's reminder fired: the interpreter runs what follows it.</summary>
internal sealed class WorkflowTimerAction : ICaseAction
{
    public const string ActionName = "timer";

    public static readonly WorkflowTimerAction Instance = new();

    public string Name => ActionName;

    public IEnumerable<CaseActionView> Offered(CaseState state) => [];

    public async ValueTask<CaseDecision> DecideAsync(CaseActionContext context)
    {
        var timerId = context.OptionalText("timer");
        if (context.Next.Status != CaseStatuses.Open || timerId is null || context.Next.Workflow.Timers.All(t => t.Id != timerId))
        {
            return CaseDecision.Nothing;
        }

        var workflow = await context.Services.Workflow();
        var fired = context.Services.Interpreter.FireTimer(workflow, context.Next.Workflow, new TimerFired(context.Now, timerId));
        return fired.Succeeded
            ? CaseDecision.Moved(fired, CaseJournalNote.Of(CaseJournalKinds.TimerFired, ("timer", timerId)))
            : CaseRefusals.From(fired.Error!, context.Available);
    }
}
