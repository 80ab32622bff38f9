namespace ServiceHall.Workflows.Activities.Builtins;

/// <summary>
/// <c>Elsa.Flowchart</c>: the root container. Listed so the studio's root property panel works; the interpreter
/// walks the root's graph itself and does not run nested flowcharts.
/// </summary>
public sealed class FlowchartActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        TypeName = Definitions.BuiltinTypes.Flowchart, Namespace = "Elsa", Name = "Flowchart", Category = "Flow",
        DisplayName = "Flowchart", Description = "A graph of activities and connections.", IsContainer = true, IsBrowsable = false,
    };

    public ActivityResult Execute(ActivityContext context) => throw context.Fault("Nested flowcharts are not supported.");
}
