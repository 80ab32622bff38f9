namespace ServiceHall.Workflows.Activities.Builtins;

/// <summary><c>Elsa.Start</c>: where a new instance begins.</summary>
public sealed class StartActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        TypeName = Definitions.BuiltinTypes.Start, Namespace = "Elsa", Name = "Start", Category = "Flow",
        DisplayName = "Start", Description = "The entry point of the workflow.", IsStart = true,
    };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
