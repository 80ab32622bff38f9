using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary><c>ServiceHall.Pickup</c> (领证): collect at the window after an SMS, receive it by EMS, or get it electronically.</summary>
public sealed class PickupActivity : IHumanStepActivity
{
    public const string Delivered = "Delivered";
    public const string Window = "window";
    public const string Ems = "ems";
    public const string Electronic = "electronic";

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "Pickup", "领证 Pickup", "Hand the certificate over: SMS and collection at the window, EMS mail, or electronic delivery.",
        ports: [DescriptorParts.Port(Delivered, "已送达 Delivered")],
        inputs:
        [
            DescriptorParts.Choice("Method", "Delivery", [("Window + SMS", Window), ("EMS", Ems), ("Electronic", Electronic)], "How the applicant receives the certificate."),
            ServiceHallDescriptor.Hall(order: 1),
        ]);

    public ActivityResult Execute(ActivityContext context)
    {
        var method = context.GetText("Method") ?? Window;
        var hall = context.GetText("Hall");
        switch (method)
        {
            case Electronic:
                context.Emit(new SendNotification(Roles.Applicant, "sms", "certificate-delivered-electronically", []));
                return ActivityResult.Outcome(Delivered);
            case Window:
                context.OpenStep(new StepSpec(BoardStage.Pickup, [ActionNames.NotifyPickup, ActionNames.PickedUp], [Roles.Clerk]) { Hall = hall });
                return ActivityResult.Wait;
            case Ems:
                context.OpenStep(new StepSpec(BoardStage.Pickup, [ActionNames.Mailed], [Roles.Clerk]) { Hall = hall });
                return ActivityResult.Wait;
            default:
                throw context.Fault($"'{method}' is not a delivery method ({Window}, {Ems}, {Electronic}).");
        }
    }

    public ActivityResult Resume(StepContext step)
    {
        var context = step.Activity;
        switch (step.Action)
        {
            case ActionNames.NotifyPickup:
                context.Emit(new SendNotification(Roles.Applicant, "sms", "ready-for-pickup", new JsonObject { ["hall"] = step.Step.Hall }));
                context.OpenStep(new StepSpec(BoardStage.Pickup, [ActionNames.PickedUp], [Roles.Clerk])
                {
                    Hall = step.Step.Hall,
                    Data = new JsonObject { ["notifiedAt"] = context.Now },
                });
                return ActivityResult.Wait;
            case ActionNames.Mailed:
                var trackingNo = Payload.RequiredText(step.Payload, "emsTrackingNo");
                context.Emit(new SendNotification(Roles.Applicant, "sms", "certificate-mailed", new JsonObject { ["emsTrackingNo"] = trackingNo }));
                return ActivityResult.Outcome(Delivered);
            default:
                Payload.OptionalText(step.Payload, "by");
                return ActivityResult.Outcome(Delivered);
        }
    }
}
