using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary><c>ServiceHall.IssueCertificate</c> (出证): a paper licence, an electronic one, or both.</summary>
public sealed class IssueCertificateActivity : IHumanStepActivity
{
    public const string Issued = "Issued";
    public static readonly string[] Forms = ["paper", "electronic", "both"];

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "IssueCertificate", "出证 Issue certificate", "Issue the certificate; a clerk chooses the form, or it is issued at once when automatic.",
        ports: [DescriptorParts.Port(Issued, "已出证 Issued")],
        inputs:
        [
            DescriptorParts.Choice("Form", "Form", [("Paper", "paper"), ("Electronic", "electronic"), ("Both", "both")], "The form for automatic issue."),
            DescriptorParts.Typed("Automatic", "Boolean", "Issue immediately", "Issue without a clerk's action (instant cases).", order: 1, uiHint: UiHints.Checkbox),
            ServiceHallDescriptor.Hall(order: 2),
        ],
        outputs: [DescriptorParts.Output("Form", "String", "Form", "The form the certificate was issued in.")]);

    public ActivityResult Execute(ActivityContext context)
    {
        var automatic = context.GetFlag("Automatic");
        var form = context.GetText("Form");
        var hall = context.GetText("Hall");
        if (!automatic)
        {
            context.OpenStep(new StepSpec(BoardStage.Certificate, [ActionNames.IssueCertificate], [Roles.Clerk]) { Hall = hall });
            return ActivityResult.Wait;
        }

        form ??= "electronic";
        if (!Forms.Contains(form))
        {
            throw context.Fault($"'{form}' is not a certificate form ({string.Join(", ", Forms)}).");
        }

        return Issue(context, form, issuedBy: null);
    }

    public ActivityResult Resume(StepContext step) =>
        Issue(step.Activity, Payload.OneOf(step.Payload, "form", Forms), step.Actor.Id);

    private static ActivityResult Issue(ActivityContext context, string form, string? issuedBy)
    {
        context.SetOutput("Form", form);
        context.Emit(new IssueDocument(DocumentKinds.Certificate, new JsonObject { ["form"] = form, ["issuedBy"] = issuedBy, ["issuedAt"] = context.Now }));
        return ActivityResult.Outcome(Issued);
    }
}
