using System.Text.Json.Nodes;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// 转办: the applicant or the hall's manager moves the case's acceptance (while undecided) or its certificate pickup
/// (window delivery) to another hall. The case's open steps and the workflow's input follow, so the steps still to
/// come open at the new hall too; the old hall's board loses the card and the new one gains it.
/// </summary>
internal sealed class TransferHallAction : CaseLevelAction
{
    public const string ActionName = "transfer-hall";
    public const string Acceptance = "acceptance";
    public const string Pickup = "pickup";

    public override string Name => ActionName;

    public override IEnumerable<CaseActionView> Offered(CaseState state)
    {
        if (IsBeforeDecision(state) || PickupMovable(state))
        {
            yield return new CaseActionView(ActionName, null, Roles.Applicant, "转办其他大厅");
            yield return new CaseActionView(ActionName, null, StaffRoles.Manager, "转办其他大厅");
        }
    }

    protected override ValueTask<CaseDecision> DecideCoreAsync(CaseActionContext context)
    {
        var next = context.Next;
        var part = context.OptionalText("part");
        if (part is not (Acceptance or Pickup))
        {
            return Refused(context.Refuse(CaseOutcome.Invalid, "part", $"'part' must be {Acceptance} or {Pickup}."));
        }

        if (context.RequiredText("hall", out var hallCode, maxLength: 64) is { } noHall)
        {
            return Refused(noHall);
        }

        if (context.RequiredText("reason", out var reason) is { } noReason)
        {
            return Refused(noReason);
        }

        if (context.Services.Organisation.FindHall(hallCode) is not { } hall)
        {
            return Refused(context.Refuse(CaseOutcome.Unprocessable, "hall", $"There is no hall '{hallCode}'."));
        }

        var from = part == Acceptance ? next.Hall : next.Delivery?.Hall ?? next.Hall;
        if (Policy.CasePolicy.Same(from, hall.Code))
        {
            return Refused(context.Refuse(CaseOutcome.Unprocessable, "hall", $"The case's {part} is already at hall '{hall.Code}'."));
        }

        if (part == Acceptance && !IsBeforeDecision(next))
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, "part", "Acceptance moves only before the department's decision."));
        }

        if (part == Pickup && !PickupMovable(next))
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, "part", "Only a certificate still to be collected at a window can be collected elsewhere."));
        }

        // A fork shares the input and the steps with the state it came from (WorkflowState's remarks): the input and
        // each step that moves are copied before they change.
        var workflow = next.Workflow.Fork();
        workflow.Input = (JsonObject)workflow.Input.DeepClone();
        var inputKey = part == Acceptance ? "hall" : "pickupHall";
        workflow.Input[inputKey] = hall.Code;
        for (var i = 0; i < workflow.OpenSteps.Count; i++)
        {
            if (workflow.OpenSteps[i] is var step && Policy.CasePolicy.Same(step.Hall, from) && MovesWith(part, step.Stage))
            {
                var moved = step.ShallowCopy();
                moved.Hall = hall.Code;
                workflow.OpenSteps[i] = moved;
            }
        }

        if (part == Acceptance)
        {
            if (Policy.CasePolicy.Same(workflow.Input["pickupHall"]?.GetValue<string>(), from) && next.Delivery?.Hall is null)
            {
                workflow.Input["pickupHall"] = hall.Code;
            }

            next.Hall = hall.Code;
            next.Window = null;
        }
        else
        {
            next.Delivery = (next.Delivery ?? new DeliveryChoice { Method = "window" }) with { Hall = hall.Code };
        }

        next.Workflow = workflow;
        return ValueTask.FromResult(CaseDecision.Accept(
            CaseJournalNote.Of(CaseJournalKinds.HallTransferred, ("part", part), ("from", from), ("to", hall.Code), ("reason", reason)),
            new SendNotification(Roles.Applicant, "sms", "hall-transferred", new JsonObject { ["hall"] = hall.NameZh, ["part"] = part })));
    }

    private static bool PickupMovable(CaseState state) =>
        state.Status == CaseStatuses.Open && (state.Delivery?.Method ?? "window") == "window" && state.Workflow.Stage != BoardStage.Closed;

    // Acceptance moves every step the hall's clerks take; pickup only the certificate and pickup steps.
    private static bool MovesWith(string part, BoardStage stage) =>
        part == TransferHallAction.Acceptance || stage is BoardStage.Certificate or BoardStage.Pickup;

    private static ValueTask<CaseDecision> Refused(CaseResult refusal) => ValueTask.FromResult(CaseDecision.Refuse(refusal));
}
