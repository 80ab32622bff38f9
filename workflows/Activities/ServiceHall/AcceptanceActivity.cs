using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary><c>ServiceHall.Acceptance</c> (受理): a clerk checks the materials and accepts, rejects or asks for a correction.</summary>
public sealed class AcceptanceActivity : IHumanStepActivity
{
    public const string Accepted = "Accepted";
    public const string CorrectionRequested = "CorrectionRequested";
    public const string Rejected = "Rejected";

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "Acceptance", "受理 Acceptance", "A clerk checks the application's materials: accept, reject, or request a correction.",
        ports:
        [
            DescriptorParts.Port(Accepted, "受理 Accepted"),
            DescriptorParts.Port(CorrectionRequested, "补正 Needs correction"),
            DescriptorParts.Port(Rejected, "不予受理 Rejected"),
        ],
        inputs: [ServiceHallDescriptor.Hall()],
        outputs:
        [
            ServiceHallDescriptor.DeficienciesOutput(),
            DescriptorParts.Output("Materials", "Object", "Materials", "The materials as the clerk confirmed them."),
        ]);

    public ActivityResult Execute(ActivityContext context)
    {
        var hall = context.GetText("Hall");
        context.OpenStep(new StepSpec(BoardStage.Acceptance, [ActionNames.Accept, ActionNames.Reject, ActionNames.RequestCorrection], [Roles.Clerk])
        {
            Hall = hall,
        });
        return ActivityResult.Wait;
    }

    public ActivityResult Resume(StepContext step)
    {
        var context = step.Activity;
        switch (step.Action)
        {
            case ActionNames.Accept:
                var materials = Payload.OptionalArray(step.Payload, "materials");
                var comment = Payload.OptionalText(step.Payload, "comment");
                context.SetOutput("Materials", materials);
                context.Emit(new IssueDocument(DocumentKinds.Receipt, new JsonObject { ["acceptedBy"] = step.Actor.Id, ["comment"] = comment, ["materials"] = materials }));
                return ActivityResult.Outcome(Accepted);

            case ActionNames.Reject:
                var reason = Payload.RequiredText(step.Payload, "reason");
                context.Emit(new IssueDocument(DocumentKinds.RejectionNotice, new JsonObject { ["reason"] = reason, ["rejectedBy"] = step.Actor.Id }));
                context.Emit(new SendNotification(Roles.Applicant, "sms", "application-rejected", new JsonObject { ["reason"] = reason }));
                return ActivityResult.Outcome(Rejected);

            default:
                context.SetOutput("Deficiencies", Deficiencies.Raised(step));
                return ActivityResult.Outcome(CorrectionRequested);
        }
    }
}
