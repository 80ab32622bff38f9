namespace ServiceHall.Grains.Retention;

/// <summary>
/// <c>ServiceHall:Retention</c>: how long closed cases (their journals, issued documents and uploaded scans) are kept,
/// and how the daily purge runs. Administrative licensing files are kept for decades, hence the long default.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "ServiceHall:Retention";

    /// <summary>Whole years a case is kept after it closed; 0 turns retention off (nothing is ever purged).</summary>
    public int Years { get; set; } = 30;

    /// <summary>Cases looked up and purged per step of a run; a run goes on step by step until none is due.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Time between runs, on the ServiceHall clock.</summary>
    public TimeSpan RunEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How often the job's reminder wakes to see whether a run is due (wall-clock time, Orleans' reminder service).
    /// Shorter than <see cref="RunEvery"/> so a run is at most this late; tests set it to seconds.
    /// </summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Why these options cannot run, or null when they can.</summary>
    public string? Problem() =>
        Years is < 0 or > 200 ? $"{SectionName}:Years must be between 0 (off) and 200, not {Years}."
        : BatchSize is < 1 or > 10_000 ? $"{SectionName}:BatchSize must be between 1 and 10000, not {BatchSize}."
        : RunEvery < TimeSpan.FromMinutes(1) ? $"{SectionName}:RunEvery must be at least one minute."
        : CheckEvery < TimeSpan.FromSeconds(1) || CheckEvery > RunEvery ? $"{SectionName}:CheckEvery must be at least one second and at most RunEvery."
        : null;
}
