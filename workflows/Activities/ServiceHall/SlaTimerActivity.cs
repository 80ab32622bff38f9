using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>
/// <c>ServiceHall.SlaTimer</c>: starts the case's service-level clock and continues at once on <c>Done</c>; if the
/// clock runs out while the case is still open, <c>Breached</c> fires. The clock never keeps a finished case alive.
/// </summary>
public sealed class SlaTimerActivity : ITimedActivity
{
    public const string Breached = "Breached";

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "SlaTimer", "时限 SLA timer", "Start the service-level clock; Breached fires if the case is still open when it runs out.",
        ports: [DescriptorParts.Port(Definitions.Ports.Done, "继续 Continue"), DescriptorParts.Port(Breached, "超时 Breached")],
        inputs: [DescriptorParts.Typed("Duration", "TimeSpan", "Duration", "The time limit (d.hh:mm:ss).")]);

    public ActivityResult Execute(ActivityContext context)
    {
        var duration = context.GetDuration("Duration") ?? throw context.Fault("No duration is set.");
        context.ScheduleTimer(context.Now + duration, TimerPurpose.Sla, blocking: false);
        return ActivityResult.Done;
    }

    public ActivityResult OnTimer(ActivityContext context, WorkflowTimer timer) => ActivityResult.Outcome(Breached);
}
