using ServiceHall.Workflows;

namespace ServiceHall.Grains.Retention;

/// <summary>The job's stored state: when it runs next and its recent runs (the retention log).</summary>
internal sealed class RetentionState : StoredObject
{
    public DateTimeOffset? NextRunAt { get; set; }

    /// <summary>Newest first, at most <see cref="RetentionGrain.RunsKept"/>.</summary>
    public List<RetentionRun> Runs { get; set; } = [];
}
