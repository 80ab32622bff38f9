using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>改派 / 增加审批部门: the coordinator changes the review plan; the workflow's review activity applies it.</summary>
internal sealed class SteerPlanAction(string name) : SteeringAction
{
    public static readonly SteerPlanAction Reassign = new(BackOfficeReviewActivity.Reassign);
    public static readonly SteerPlanAction AddDepartment = new(BackOfficeReviewActivity.AddDepartment);

    public override string Name => name;

    protected override async ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context, CoordinationState coordination)
    {
        var next = context.Next;
        if (next.Status != CaseStatuses.Open)
        {
            return context.Refuse(CaseOutcome.Conflict, FieldError.Of("action", "case.notOpen", $"The case is {next.Status}; its review plan cannot change now."));
        }

        // Every mistake at once: the directory's (unknown department, reviewer) with the plan step's own (no such part,
        // already decided, a bad due date); with nothing to steer at all, the directory's alone, as before.
        var directory = await RoutingDirectoryRule.ErrorsAsync(context);
        var workflow = await context.Services.Workflow();
        var steered = context.Services.Interpreter.Steer(workflow, next.Workflow,
            new SteerPlan(context.Now, Name, context.Actor.ToWorkflowActor(), context.Payload));
        var refused = steered.Succeeded ? null : CaseRefusals.From(steered.Error!, context.Available);
        if (RoutingDirectoryRule.Refusal(context, directory, steered.Error is InvalidPayload or null ? refused : null) is { } refusal)
        {
            return CaseDecision.Refuse(refusal);
        }

        if (refused is not null)
        {
            return refused;
        }

        return CaseDecision.Moved(steered, CaseJournalNote.Of(CaseJournalKinds.PlanChanged,
            ("change", Name), ("part", context.OptionalText("stepId") ?? context.OptionalText("part")),
            ("department", context.OptionalText("department")), ("reviewer", context.OptionalText("reviewer"))));
    }
}
