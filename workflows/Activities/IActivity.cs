namespace ServiceHall.Workflows.Activities;

/// <summary>An activity type: its descriptor (what the studio shows) and what running it does.</summary>
public interface IActivity
{
    ActivityDescriptor Descriptor { get; }

    /// <summary>Runs the activity when a connection (or the start) reaches it.</summary>
    ActivityResult Execute(ActivityContext context);
}

/// <summary>An activity that opens human steps and continues when someone takes one of their actions.</summary>
public interface IHumanStepActivity : IActivity
{
    /// <summary>Handles an action on one of this activity's steps; the interpreter has already checked action,
    /// role and scope and closed the step. Throws <see cref="Interpreter.StimulusRejectedException"/> via
    /// <see cref="Payload"/> helpers to refuse a payload.</summary>
    ActivityResult Resume(StepContext context);
}

/// <summary>An activity that schedules timers and reacts when they fire.</summary>
public interface ITimedActivity : IActivity
{
    ActivityResult OnTimer(ActivityContext context, Interpreter.WorkflowTimer timer);
}
