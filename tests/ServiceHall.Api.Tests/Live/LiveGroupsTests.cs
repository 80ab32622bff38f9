using ServiceHall.Api.Live;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Live;

namespace ServiceHall.Api.Tests.Live;

/// <summary>
/// The groups one case change is sent to, as the relay builds them once per change (issue 20): every board scope the
/// change falls in (each field its own value or "any", each group once), the same boards for each coordinator who may
/// read the case, and the case's own watchers; the names are exactly those a board joins (<see cref="LiveGroups.Board"/>).
/// </summary>
public sealed class LiveGroupsTests
{
    private static readonly CaseChanged Change = new()
    {
        Id = "case-1",
        Number = "GZ-1",
        Stage = "Review",
        Status = "open",
        SlaState = "normal",
        Version = 3,
        Hall = "GZ",
        Window = "W1",
        Departments = ["Market", "market "],
        RoutedDepartments = ["Fire"],
        DeliveryHall = "NS",
        PreviousHall = "TH",
        Channel = "window",
        TrackingCode = "T-1",
    };

    [Fact]
    public void A_change_reaches_every_board_scope_it_falls_in_once_then_the_coordinators_copies_then_its_watchers()
    {
        var groups = LiveGroups.GroupsFor(Change, CasePlacement.From(Change), ["coord-a"]);

        string?[] halls = ["GZ", "NS", "TH", null];
        string?[] windows = ["W1", null];
        string?[] departments = ["market", "fire", null];
        string?[] stages = ["Review", null];
        var boards = (
            from hall in halls
            from window in windows
            from department in departments
            from stage in stages
            select LiveGroups.Board(new BoardScope(hall, window, department, stage))).ToList();
        // "Market" and "market " name one department (the board names are trimmed and lower-cased): its groups appear once.
        Assert.Equal(4 * 2 * 3 * 2, boards.Count);
        Assert.Equal(
            [.. boards, .. boards.Select(board => "coordinator|coord-a|" + board), LiveGroups.Case("case-1")],
            groups);
        Assert.Contains("board|gz|w1|market|review", groups);
        Assert.Contains(LiveGroups.CoordinatorBoard("coord-a", new BoardScope("NS", null, "fire", null)), groups);
    }

    [Fact]
    public void Without_coordinators_only_the_boards_and_the_watchers_hear_it()
    {
        var change = Change with { Window = null, DeliveryHall = null, PreviousHall = null, RoutedDepartments = [] };
        var groups = LiveGroups.GroupsFor(change, CasePlacement.From(change), []);

        Assert.Equal(
            [
                "board|gz||market|review", "board|gz||market|", "board|gz|||review", "board|gz|||",
                "board|||market|review", "board|||market|", "board||||review", "board||||",
                "case|case-1",
            ],
            groups);
    }
}
