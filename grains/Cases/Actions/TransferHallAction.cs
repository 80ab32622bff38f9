using System.Text.Json.Nodes;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;
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
        // Every field is checked before refusing, so the form marks all of them at once.
        var problems = new List<(CaseOutcome, FieldError)>();
        var part = context.OptionalText("part");
        if (part is not (Acceptance or Pickup))
        {
            problems.Add((CaseOutcome.Invalid, FieldError.Of("part", "field.oneOf", $"'part' must be {Acceptance} or {Pickup}.", ("allowed", $"{Acceptance}, {Pickup}"))));
        }

        var hallError = context.TextError("hall", out var hallCode, maxLength: 64);
        if (hallError is not null)
        {
            problems.Add((CaseOutcome.Invalid, hallError));
        }

        var hall = hallError is null ? context.Services.Organisation.FindHall(hallCode) : null;
        if (hallError is null && hall is null)
        {
            problems.Add((CaseOutcome.Unprocessable, FieldError.Of("hall", "hall.unknown", $"There is no hall '{hallCode}'.", ("hall", hallCode))));
        }

        if (context.TextError("reason", out var reason) is { } reasonError)
        {
            problems.Add((CaseOutcome.Invalid, reasonError));
        }

        if (part is Acceptance or Pickup && hall is not null)
        {
            if (Policy.CasePolicy.Same(From(next, part), hall.Code))
            {
                problems.Add((CaseOutcome.Unprocessable, FieldError.Of("hall", "transfer.sameHall", $"The case's {part} is already at hall '{hall.Code}'.")));
            }
        }

        if (problems.Count > 0 || hall is null || part is null)
        {
            return Refused(context.RefuseAll(problems));
        }

        if (part == Acceptance && !IsBeforeDecision(next))
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("part", "transfer.acceptanceDecided", "Acceptance moves only before the department's decision.")));
        }

        if (part == Pickup && !PickupMovable(next))
        {
            return Refused(context.Refuse(CaseOutcome.Conflict, FieldError.Of("part", "transfer.pickupNotPending", "Only a certificate still to be collected at a window can be collected elsewhere.")));
        }

        var from = From(next, part);

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

    private static string? From(CaseState state, string part) => part == Acceptance ? state.Hall : state.Delivery?.Hall ?? state.Hall;

    // Acceptance moves every step the hall's clerks take; pickup only the certificate and pickup steps.
    private static bool MovesWith(string part, BoardStage stage) =>
        part == TransferHallAction.Acceptance || stage is BoardStage.Certificate or BoardStage.Pickup;

    private static ValueTask<CaseDecision> Refused(CaseResult refusal) => ValueTask.FromResult(CaseDecision.Refuse(refusal));
}
