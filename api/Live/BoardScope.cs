using System.Collections.Concurrent;
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

    /// <summary>
    /// Every group that hears <paramref name="change"/> in one list, for the relay's one send per change: the boards,
    /// the boards of the coordinators in <paramref name="coordinators"/> and the case's own watchers. The board names
    /// are built once and reused for the coordinators' copies.
    /// </summary>
    public static List<string> GroupsFor(Grains.Live.CaseChanged change, Grains.Cases.Policy.CasePlacement placement, IReadOnlyList<string> coordinators)
    {
        var boards = BoardsFor(change, placement);
        var groups = new List<string>(boards.Count * (coordinators.Count + 1) + 1);
        groups.AddRange(boards);
        foreach (var coordinator in coordinators)
        {
            foreach (var board in boards)
            {
                groups.Add(CoordinatorBoard(coordinator, board));
            }
        }

        groups.Add(Case(change.Id));
        return groups;
    }

    private static string CoordinatorBoard(string coordinator, string boardGroup) => $"coordinator|{Norm(coordinator)}|{boardGroup}";

    /// <summary>
    /// Every board group that hears <paramref name="change"/>: its accepting hall's and its delivery hall's boards, each
    /// of its departments' (its own, its review departments, those it was routed to), and the "any" of each field.
    /// </summary>
    private static List<string> BoardsFor(Grains.Live.CaseChanged change, Grains.Cases.Policy.CasePlacement placement)
    {
        // The placement's halls and departments are exactly those whose staff the case policy lets read the case; a
        // case moved to another hall is heard once more by the hall it left, so that board drops its card.
        var halls = placement.Halls;
        var departments = placement.InvolvedDepartments;
        var hallCount = halls.Count + (change.PreviousHall is null ? 1 : 2);
        var windowCount = change.Window is null ? 1 : 2;
        var boards = new List<string>(hallCount * windowCount * (departments.Count + 1) * 2);
        // Every field's own value and "any" (null, last), each combination once (a hall or department differing only in
        // case or spaces names the same group), named by Board as the boards name the group they join. Plain loops over
        // the fields and names kept from earlier changes: the query this replaced built every name, scope and iterator
        // anew for each change (issue 20: the relay was ~6 % of the bytes a command allocated).
        for (var h = 0; h < hallCount; h++)
        {
            var hall = h < halls.Count ? halls[h] : h == halls.Count && change.PreviousHall is not null ? change.PreviousHall : null;
            for (var w = 0; w < windowCount; w++)
            {
                var window = w == 0 && change.Window is not null ? change.Window : null;
                for (var d = 0; d <= departments.Count; d++)
                {
                    var department = d < departments.Count ? departments[d] : null;
                    AddOnce(boards, KnownBoard(hall, window, department, change.Stage));
                    AddOnce(boards, KnownBoard(hall, window, department, null));
                }
            }
        }

        return boards;
    }

    private static void AddOnce(List<string> names, string name)
    {
        // A few dozen names at most: a scan is cheaper than a set.
        foreach (var known in names)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                return;
            }
        }

        names.Add(name);
    }

    /// <summary>Board group names by their scope's raw fields, bounded: a service hall has a few hundred scopes a day.</summary>
    private static readonly ConcurrentDictionary<(string? Hall, string? Window, string? Department, string? Stage), string> BoardNames = new();

    private const int MaxKnownBoards = 4096;

    private static string KnownBoard(string? hall, string? window, string? department, string? stage)
    {
        var key = (hall, window, department, stage);
        if (BoardNames.TryGetValue(key, out var name))
        {
            return name;
        }

        if (BoardNames.Count >= MaxKnownBoards)
        {
            BoardNames.Clear();
        }

        name = Board(new BoardScope(hall, window, department, stage));
        BoardNames.TryAdd(key, name);
        return name;
    }

    private static string Norm(string? value) => value?.Trim().ToLowerInvariant() ?? "";
}
