using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary><c>ServiceHall.Notify</c>: asks the host to send a message; the workflow does not wait for it.</summary>
public sealed class NotifyActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "Notify", "通知 Notify", "Send an SMS to the applicant or an internal message to staff.",
        inputs:
        [
            DescriptorParts.Choice("Recipient", "Recipient",
                [("Applicant", Roles.Applicant), ("Clerk", Roles.Clerk), ("Reviewer", Roles.Reviewer), ("Coordinator", Roles.Coordinator), ("Manager", "manager")]),
            DescriptorParts.Choice("Channel", "Channel", [("SMS", "sms"), ("Internal", "internal")], order: 1),
            DescriptorParts.Text("Template", "Template", "Message template key, e.g. review-denied.", order: 2),
            DescriptorParts.Typed("Message", "String", "Message", "Free text added to the template.", order: 3, uiHint: UiHints.MultiLine),
        ]);

    public ActivityResult Execute(ActivityContext context)
    {
        var recipient = context.GetText("Recipient") ?? Roles.Applicant;
        var channel = context.GetText("Channel") ?? (recipient == Roles.Applicant ? "sms" : "internal");
        var template = context.GetText("Template") ?? "message";
        var message = context.GetText("Message");
        context.Emit(new SendNotification(recipient, channel, template, new JsonObject { ["message"] = message }));
        return ActivityResult.Done;
    }
}
