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
    /// The coordinator of <paramref name="caseId"/>: the one already recorded (a retried opening), else the one of
    /// <paramref name="candidates"/> with the fewest open projects (ties: the first listed). Null without candidates.
    /// </summary>
    [Alias("AssignAsync")]
    Task<string?> AssignAsync(string caseId, IReadOnlyList<string> candidates);

    /// <summary>An admin's override: the project moves to <paramref name="coordinator"/>.</summary>
    [Alias("MoveAsync")]
    Task MoveAsync(string caseId, string coordinator);

    /// <summary>The project is closed; it stays in its coordinator's list but no longer counts as load.</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string caseId);

    /// <summary>The coordinator's projects, open ones first, newest first within each.</summary>
    [Alias("ProjectsOfAsync")]
    Task<IReadOnlyList<DeskProject>> ProjectsOfAsync(string coordinator);

    /// <summary>Open projects per coordinator.</summary>
    [Alias("LoadAsync")]
    Task<IReadOnlyDictionary<string, int>> LoadAsync();
}

[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Coordination.DeskProject")]
public sealed record DeskProject([property: Id(0)] string CaseId, [property: Id(1)] string Coordinator, [property: Id(2)] bool Open);
