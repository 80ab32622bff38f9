using Orleans.Concurrency;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Rewrites the board and statistics rows (<c>case_summary</c>) from the cases' own state: lists every stored case id
/// and asks each case to write its row again. Rows are written with every change, so this is for an upgraded database
/// (the start-up backfill) and repairs (a restored backup), never needed after a crash. Key: one hall (<see cref="Key"/>) or all halls.
/// Requests made while a rebuild runs share one follow-up run, which starts after it.
/// </summary>
[Alias("ServiceHall.Grains.Cases.IReadModelRebuildGrain")]
public interface IReadModelRebuildGrain : IGrainWithStringKey
{
    /// <summary>Runs a rebuild that starts after this call and reports it once every case has been asked.</summary>
    [Alias("RebuildAsync")]
    [ResponseTimeout("00:30:00")]
    Task<ReadModelRebuildReport> RebuildAsync();

    /// <summary>One-way: the same rebuild in the background (the start-up backfill of an upgraded database).</summary>
    [OneWay]
    [Alias("RequestAsync")]
    Task RequestAsync();

    /// <summary>The grain that rebuilds one hall's board, or every hall's when <paramref name="hall"/> is null.</summary>
    public static string Key(string? hall) => hall is null ? AllHalls : HallPrefix + hall.ToLowerInvariant();

    /// <summary>The hall a key stands for, or null for all halls.</summary>
    public static string? HallOf(string key) => key.StartsWith(HallPrefix, StringComparison.Ordinal) ? key[HallPrefix.Length..] : null;

    private const string AllHalls = "all-halls";
    private const string HallPrefix = "hall-";
}

/// <summary>What one rebuild did.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.ReadModelRebuildReport")]
public sealed record ReadModelRebuildReport
{
    /// <summary>The hall rebuilt, or null for all halls.</summary>
    [Id(0)] public string? Hall { get; init; }

    /// <summary>Cases found in durable storage (every hall).</summary>
    [Id(1)] public int CasesFound { get; init; }

    /// <summary>Cases of the hall (or of any hall) that sent their summary to the board again.</summary>
    [Id(2)] public int Republished { get; init; }

    /// <summary>Cases left alone because they belong to another hall.</summary>
    [Id(3)] public int OtherHalls { get; init; }

    /// <summary>Cases that could not be asked (a silo lost meanwhile, a case that fails to activate); see the log.</summary>
    [Id(4)] public int Failed { get; init; }

    [Id(5)] public long ElapsedMilliseconds { get; init; }
}
