using ServiceHall.Workflows;

namespace ServiceHall.Grains.Retention;

/// <summary>
/// The retention job: one per service (key <see cref="Key"/>). A reminder wakes it; when a run is due on the
/// ServiceHall clock it purges the cases closed longer ago than the retention period and records the run.
/// </summary>
[Alias("ServiceHall.Grains.Retention.IRetentionGrain")]
public interface IRetentionGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Registers the job's reminder (or removes it when retention is off). Every silo calls it at start; repeats are harmless.</summary>
    [Alias("StartAsync")]
    Task StartAsync();

    /// <summary>Runs now if a run is due on the ServiceHall clock (what the reminder does); the run, or null when none was due.</summary>
    [Alias("RunIfDueAsync")]
    Task<RetentionRun?> RunIfDueAsync();

    /// <summary>The setting, the next run and the recent runs, newest first: the retention log admins read.</summary>
    [Alias("GetLogAsync")]
    Task<RetentionLog> GetLogAsync();
}

/// <summary>One run of the job. Case ids only: a purged case's content, applicant included, is gone and is never logged.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Retention.RetentionRun")]
public sealed record RetentionRun : StoredRecord
{
    [Id(0)] public required DateTimeOffset RanAt { get; init; }

    /// <summary>Cases closed before this time were due.</summary>
    [Id(1)] public required DateTimeOffset Cutoff { get; init; }

    [Id(2)] public required int Purged { get; init; }

    /// <summary>The purged cases' ids, oldest closing first (at most a thousand are kept; <see cref="Purged"/> is exact).</summary>
    [Id(3)] public required IReadOnlyList<string> CaseIds { get; init; }

    /// <summary>Uploaded files the document store failed to delete (their rows are gone; an operator removes them).</summary>
    [Id(4)] public int DocumentsNotDeleted { get; init; }
}

/// <summary>What admins see of retention.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Retention.RetentionLog")]
public sealed record RetentionLog
{
    /// <summary>The configured years; 0 means retention is off.</summary>
    [Id(0)] public required int Years { get; init; }

    [Id(1)] public DateTimeOffset? NextRunAt { get; init; }

    [Id(2)] public required IReadOnlyList<RetentionRun> Runs { get; init; }
}
