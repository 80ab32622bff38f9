namespace ServiceHall.Workflows.Activities.Builtins;

/// <summary><c>Elsa.End</c>: finishes the workflow, withdrawing whatever other paths still wait for.</summary>
public sealed class EndActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        TypeName = Definitions.BuiltinTypes.End, Namespace = "Elsa", Name = "End", Category = "Flow",
        DisplayName = "End", Description = "Ends the workflow.", IsTerminal = true,
    };

    public ActivityResult Execute(ActivityContext context)
    {
        context.EndWorkflow();
        return ActivityResult.Ended;
    }
}
