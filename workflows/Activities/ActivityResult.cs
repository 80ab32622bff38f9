namespace ServiceHall.Workflows.Activities;

/// <summary>How an execution of an activity ended: with outcomes to follow, or waiting for a step, timer or join.</summary>
public sealed record ActivityResult
{
    private ActivityResult(IReadOnlyList<string> outcomes, bool waiting)
    {
        Outcomes = outcomes;
        IsWaiting = waiting;
    }

    /// <summary>The ports whose connections run next; empty for a completed activity ends its path.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    public bool IsWaiting { get; }

    public static readonly ActivityResult Wait = new([], true);

    public static readonly ActivityResult Done = new([Definitions.Ports.Done], false);

    /// <summary>Completed without following any connection (an end).</summary>
    public static readonly ActivityResult Ended = new([], false);

    public static ActivityResult Outcome(string port) => new([port], false);

    public static ActivityResult AllOf(IEnumerable<string> ports) => new(ports.Distinct().ToList(), false);
}
