namespace ServiceHall.Api.Live;

/// <summary>What a board subscribes to; an unset field means "any".</summary>
public sealed record BoardScope(string? Hall = null, string? Window = null, string? Department = null, string? Stage = null);

/// <summary>
/// SignalR group names. A board joins exactly one group for its scope; a change is sent to every group whose scope
/// it falls in (each field either matching or "any"), so no connection is ever looped over.
/// </summary>
internal static class LiveGroups
{
    public static string Board(BoardScope scope) =>
        $"board|{Norm(scope.Hall)}|{Norm(scope.Window)}|{Norm(scope.Department)}|{Norm(scope.Stage)}";

    public static string Case(string caseId) => "case|" + caseId;

    /// <summary>
    /// A coordinator's board: their own group per scope, since which key projects they may read depends on the case
    /// (its district and coordinator), not on the board scope. The relay sends a change only to the boards of the
    /// coordinators who may read it (<see cref="CoordinatorReach"/>).
    /// </summary>
    public static string CoordinatorBoard(string coordinator, BoardScope scope) => CoordinatorBoard(coordinator, Board(scope));

    public static IEnumerable<string> CoordinatorBoardsFor(Grains.Live.CaseChanged change, IEnumerable<string> coordinators)
    {
        var boards = BoardsFor(change).ToList();
        return
            from coordinator in coordinators
            from board in boards
            select CoordinatorBoard(coordinator, board);
    }

    private static string CoordinatorBoard(string coordinator, string boardGroup) => $"coordinator|{Norm(coordinator)}|{boardGroup}";

    /// <summary>
    /// Every board group that hears <paramref name="change"/>: its accepting hall's and its delivery hall's boards, each
    /// of its departments' (its own, its review departments, those it was routed to), and the "any" of each field.
    /// </summary>
    public static IEnumerable<string> BoardsFor(Grains.Live.CaseChanged change)
    {
        // The placement's halls and departments are exactly those whose staff the case policy lets read the case; a
        // case moved to another hall is heard once more by the hall it left, so that board drops its card.
        var placement = Grains.Cases.Policy.CasePlacement.From(change);
        string?[] halls = change.PreviousHall is null ? [.. placement.Halls, null] : [.. placement.Halls, change.PreviousHall, null];
        string?[] windows = change.Window is null ? [null] : [change.Window, null];
        string?[] departments = [.. placement.InvolvedDepartments, null];
        string?[] stages = [change.Stage, null];
        return (
            from hall in halls
            from window in windows
            from department in departments
            from stage in stages
            select Board(new BoardScope(hall, window, department, stage))).Distinct(StringComparer.Ordinal);
    }

    private static string Norm(string? value) => value?.Trim().ToLowerInvariant() ?? "";
}
