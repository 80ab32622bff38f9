namespace ServiceHall.Workflows.Activities.Builtins;

/// <summary><c>Elsa.FlowJoin</c> in <c>WaitAll</c> mode: continues once every inbound connection has delivered.</summary>
/// <remarks>Arrivals are counted per inbound connection and reset when the join fires, so a join inside a loop
/// waits again on the next round.</remarks>
public sealed class FlowJoinActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        TypeName = Definitions.BuiltinTypes.FlowJoin, Namespace = "Elsa", Name = "FlowJoin", Category = "Branching",
        DisplayName = "Join (flow)", Description = "Wait for all incoming branches before continuing.",
        Inputs = [DescriptorParts.Choice("Mode", "Mode", [("Wait all", "WaitAll")], "Only WaitAll is supported.")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var inbound = context.InboundConnections.Select(Key).Distinct().ToList();
        if (context.Via is null || inbound.Count <= 1)
        {
            return ActivityResult.Done;
        }

        var arrivals = context.JoinArrivals;
        if (!arrivals.Contains(Key(context.Via)))
        {
            arrivals.Add(Key(context.Via));
        }

        if (!inbound.All(arrivals.Contains))
        {
            return ActivityResult.Wait;
        }

        context.ClearJoinArrivals();
        return ActivityResult.Done;
    }

    private static string Key(Definitions.Connection connection) => $"{connection.Source.Activity}:{connection.SourcePort}";
}
