namespace ServiceHall.Workflows.Activities.Builtins;

/// <summary><c>Elsa.FlowDecision</c>: takes <c>True</c> or <c>False</c> by its condition.</summary>
public sealed class FlowDecisionActivity : IActivity
{
    public const string True = "True";
    public const string False = "False";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        TypeName = Definitions.BuiltinTypes.FlowDecision, Namespace = "Elsa", Name = "FlowDecision", Category = "Branching",
        DisplayName = "Decision", Description = "Evaluate a Boolean condition to choose the next path.",
        Ports = [DescriptorParts.Port(True, True), DescriptorParts.Port(False, False)],
        Inputs = [DescriptorParts.Typed("Condition", "Boolean", "Condition", "The condition to evaluate.", defaultSyntax: "JavaScript")],
    };

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Outcome(context.GetFlag("Condition") ? True : False);
}
