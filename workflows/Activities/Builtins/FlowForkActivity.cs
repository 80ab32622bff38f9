namespace ServiceHall.Workflows.Activities.Builtins;

/// <summary><c>Elsa.FlowFork</c>: continues on every branch at once (the listed branches, or every <c>Done</c> connection).</summary>
public sealed class FlowForkActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        TypeName = Definitions.BuiltinTypes.FlowFork, Namespace = "Elsa", Name = "FlowFork", Category = "Branching",
        DisplayName = "Fork (flow)", Description = "Branch execution into multiple branches that run in parallel.",
        Inputs = [DescriptorParts.Typed("Branches", "String[]", "Branches", "The outcomes to continue on.", uiHint: UiHints.DynamicOutcomes)],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var branches = context.GetTexts("Branches");
        return branches.Count == 0 ? ActivityResult.Done : ActivityResult.AllOf(branches);
    }
}
