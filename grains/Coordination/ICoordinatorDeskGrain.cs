using Orleans.Concurrency;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Coordination;

/// <summary>
/// Which coordinator serves which key project, and how many open projects each one carries: the load the
/// assignment rule reads (least-loaded coordinator of the project's district) and each coordinator's "my projects".
/// </summary>
[Alias("ServiceHall.Grains.Coordination.ICoordinatorDeskGrain")]
public interface ICoordinatorDeskGrain : IGrainWithStringKey
{
    public const string MainKey = "main";

    /// <summary>
    /// Read-only choice of a coordinator for <paramref name="caseId"/>: the one already recorded when it is among
    /// <paramref name="candidates"/> (a retried opening), else the candidate with the fewest open projects, not counting
    /// this case (ties: the first listed). Null without candidates. The case records its choice with
    /// <see cref="RecordAsync"/> only after its own write, so a failed write leaves no load behind.
    /// </summary>
    [Alias("ChooseAsync"), ReadOnly]
    Task<string?> ChooseAsync(string caseId, IReadOnlyList<string> candidates);

    /// <summary>
    /// The case's committed coordination: its entry is replaced by <paramref name="coordinator"/> (the load moves with
    /// it); a closed project (<paramref name="open"/> false) stays in its coordinator's list but no longer counts as load,
    /// until more recent closed projects of that coordinator push it off the desk (the desk keeps a fixed number of them).
    /// Idempotent: recording what is already recorded writes nothing.
    /// </summary>
    [Alias("RecordAsync")]
    Task RecordAsync(string caseId, string coordinator, bool open);

    /// <summary>The coordinator's projects, open ones first, newest first within each; of the closed ones only the most recent.</summary>
    [Alias("ProjectsOfAsync")]
    Task<IReadOnlyList<DeskProject>> ProjectsOfAsync(string coordinator);

    /// <summary>Open projects per coordinator.</summary>
    [Alias("LoadAsync")]
    Task<IReadOnlyDictionary<string, int>> LoadAsync();
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Coordination.DeskProject")]
public sealed record DeskProject([property: Id(0)] string CaseId, [property: Id(1)] string Coordinator, [property: Id(2)] bool Open) : StoredRecord;
