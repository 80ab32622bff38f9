using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.Builtins;

/// <summary><c>Elsa.Delay</c>: waits for a duration on a host timer, then continues.</summary>
public sealed class DelayActivity : ITimedActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        TypeName = Definitions.BuiltinTypes.Delay, Namespace = "Elsa", Name = "Delay", Category = "Scheduling",
        DisplayName = "Delay", Description = "Delay execution for the specified amount of time.",
        Inputs = [DescriptorParts.Typed("TimeSpan", "TimeSpan", "Time span", "How long to wait (d.hh:mm:ss).")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var span = context.GetDuration("TimeSpan") ?? throw context.Fault("No time span is set.");
        context.ScheduleTimer(context.Now + span, TimerPurpose.Delay, blocking: true);
        return ActivityResult.Wait;
    }

    public ActivityResult OnTimer(ActivityContext context, WorkflowTimer timer) => ActivityResult.Done;
}
