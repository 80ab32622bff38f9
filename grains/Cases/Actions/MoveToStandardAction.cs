using ServiceHall.Grains.Cases.Sla;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// 转为普通件: the instant window's clerk finds at the counter that a case does not qualify for 即办 (a material needs a
/// department's review, say) and moves it to the standard workflow. The case leaves the instant channel for the general
/// one and starts the standard workflow's published version from its acceptance, at the same hall and window; the
/// hour's clock gives way to the item's statutory working days, which start at acceptance as for any window case.
/// </summary>
internal sealed class MoveToStandardAction : CaseLevelAction
{
    public const string ActionName = "move-to-standard";

    public override string Name => ActionName;

    public override IEnumerable<CaseActionView> Offered(CaseState state)
    {
        // Only before anything is issued: once the certificate step opens, the instant case has been decided on the spot.
        if (state.Channel == ServiceChannels.Instant && state.DefinitionId == ShippedDefinitions.InstantCaseId && state.Status == CaseStatuses.Open
            && state.Workflow.Stage is BoardStage.Acceptance or BoardStage.FormalReview or BoardStage.AwaitingCorrection)
        {
            yield return new CaseActionView(ActionName, null, Roles.Clerk, "转为普通件办理");
        }
    }

    protected override async ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context)
    {
        if (context.RequiredText("reason", out var reason) is { } noReason)
        {
            return noReason;
        }

        if (await context.Services.Published(ShippedDefinitions.StandardCaseId) is not var (version, workflow))
        {
            return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("action", "workflow.standardNotPublished", $"The workflow '{ShippedDefinitions.StandardCaseId}' has no published version."));
        }

        var next = context.Next;
        var input = next.Workflow.Input.DeepClone().AsObject();
        input["channel"] = ServiceChannels.Window;
        var started = context.Services.Interpreter.Start(workflow, new StartWorkflow(context.Now, input));
        if (!started.Succeeded)
        {
            return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("action", "workflow.notStarted", $"The standard workflow did not start: {started.Error!.Message}"));
        }

        next.DefinitionId = version.DefinitionId;
        next.DefinitionVersion = version.Version;
        next.DefinitionVersionId = version.Id;
        next.Channel = ServiceChannels.Window;
        next.Sla = CaseClockStep.ClockFor(ServiceChannels.Window, next.TimeLimitDays, context.Now);

        // The instant workflow's own timers end with it; a timer of the new workflow that happens to share an id stays.
        var ended = context.Current.Workflow.Timers.Select(t => t.Id).Except(started.State.Timers.Select(t => t.Id))
            .Select(id => (WorkflowEffect)new CancelTimer(id)).ToArray();
        var note = CaseJournalNote.Of(CaseJournalKinds.MovedToStandard,
            ("from", context.Current.DefinitionId), ("to", version.DefinitionId), ("version", version.Version), ("reason", reason));
        return CaseDecision.Moved(started, note).With(ended);
    }
}
