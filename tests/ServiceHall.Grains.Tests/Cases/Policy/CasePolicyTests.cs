using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Live;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Tests.Cases.Policy;

/// <summary>
/// The case policy on its own: the placement reads the same from a case's state, its board row and its live change,
/// a board scope hears exactly the cases its watcher may read, and the step rule is composed with what only the case
/// knows (its accepting hall, its own departments).
/// </summary>
public sealed class CasePolicyTests
{
    private static readonly CaseActor Clerk = new("clerk", "clerk", Hall: "gz", Window: "general-1");
    private static readonly CaseActor DeliveryClerk = new("qy-clerk", "clerk", Hall: "qy", Window: "general-1");
    private static readonly CaseActor Manager = new("manager", "manager", Hall: "gz");
    private static readonly CaseActor Reviewer = new("reviewer", "reviewer", Department: "market-regulation");
    private static readonly CaseActor RoutedReviewer = new("reviewer2", "reviewer", Department: "emergency-management");
    private static readonly CaseActor OtherReviewer = new("qy-reviewer", "reviewer", Department: "qy-market-regulation");
    private static readonly CaseActor OwnReviewer = new("fgw-reviewer", "reviewer", Department: "development-reform");
    private static readonly CaseActor Coordinator = new("coordinator", "coordinator", District: "tianhe");
    private static readonly CaseActor OtherCoordinator = new("coordinator2", "coordinator", District: "nansha");
    private static readonly CaseActor Designer = new("designer", "designer");
    private static readonly CaseActor Admin = new("admin", "admin");

    private static readonly CaseActor[] Everyone =
        [Clerk, DeliveryClerk, Manager, Reviewer, RoutedReviewer, OtherReviewer, OwnReviewer, Coordinator, OtherCoordinator, Designer, Admin];

    [Fact]
    public void ThePlacementReadsTheSameFromTheCaseItsBoardRowAndItsLiveChange()
    {
        var state = RoutedProjectDeliveredToQingyuan();
        var summary = CaseGrain.Summarize(state);
        var fromState = CasePlacement.From(state);

        Assert.Equal(["qy"], [fromState.DeliveryHall!]);
        Assert.Equal(["emergency-management"], fromState.RoutedDepartments);
        foreach (var other in new[] { CasePlacement.From(summary), CasePlacement.From(CaseChanged.From(summary, state.TrackingCode)) })
        {
            Assert.Equal(Describe(fromState with { TrackingCode = null }), Describe(other));
        }
    }

    [Fact]
    public void ADepartmentStaysInvolvedOnceItsRoutedStepHasClosed()
    {
        var state = RoutedProjectDeliveredToQingyuan();
        state.RoutedDepartments = CasePlacement.RoutedDepartmentsOf(state);
        state.Workflow = new WorkflowState { Stage = BoardStage.Certificate };

        Assert.True(CasePolicy.CanRead(RoutedReviewer, CasePlacement.From(state)));
        Assert.True(CasePolicy.CanList(RoutedReviewer, CasePlacement.From(CaseGrain.Summarize(state))));
    }

    [Fact]
    public void EveryStaffBoardHearsExactlyTheCasesItsWatcherMayRead()
    {
        var placements = new[]
        {
            CasePlacement.From(RoutedProjectDeliveredToQingyuan()),
            new CasePlacement { Hall = "qy", Departments = ["qy-market-regulation"], Channel = "window" },
            new CasePlacement { Hall = "gz", Departments = ["market-regulation"], Channel = "key-project", Coordinator = "coordinator2", District = "nansha" },
        };
        foreach (var actor in Everyone)
        {
            var board = CasePolicy.Watch(actor, null, null);
            foreach (var placement in placements)
            {
                var reads = CasePolicy.CanRead(actor, placement);
                Assert.Equal(reads, CasePolicy.CanList(actor, placement));
                if (board.Refusal is not null)
                {
                    Assert.False(reads, $"{actor.Id} reads a case but has no board");
                    continue;
                }

                // A coordinator's board is checked per change against the same read rule.
                var hears = board.EachCaseDecides ? reads : CasePolicy.BoardHears(board, placement);
                Assert.True(hears == reads, $"{actor.Id} on {placement.Hall}/{string.Join(",", placement.InvolvedDepartments)}: hears {hears}, reads {reads}");
            }
        }
    }

    [Fact]
    public void TheDeliveryHallsClerkActsOnlyOnStepsOfTheirHallAndTheRoutedReviewerOnlyOnTheirPart()
    {
        var placement = CasePlacement.From(RoutedProjectDeliveredToQingyuan());
        var correction = Step("resubmit", ["clerk", "applicant"]);
        var pickup = Step("picked-up", ["clerk"], hall: "qy");
        var emergencyPart = Step("approve", ["reviewer"], department: "emergency-management");
        var formalReview = Step("pass", ["reviewer"]);

        Assert.IsType<OutOfScope>(CasePolicy.StepRefusal(DeliveryClerk, placement, correction, "resubmit"));
        Assert.Null(CasePolicy.StepRefusal(Clerk, placement, correction, "resubmit"));
        Assert.Null(CasePolicy.StepRefusal(DeliveryClerk, placement, pickup, "picked-up"));
        Assert.IsType<OutOfScope>(CasePolicy.StepRefusal(Clerk, placement, pickup, "picked-up"));
        Assert.Null(CasePolicy.StepRefusal(RoutedReviewer, placement, emergencyPart, "approve"));
        Assert.IsType<OutOfScope>(CasePolicy.StepRefusal(OwnReviewer, placement, emergencyPart, "approve"));
        Assert.IsType<OutOfScope>(CasePolicy.StepRefusal(RoutedReviewer, placement, formalReview, "pass"));
        Assert.Null(CasePolicy.StepRefusal(OwnReviewer, placement, formalReview, "pass"));
        Assert.False(CasePolicy.MayTakeCaseAction(DeliveryClerk, placement, "clerk"));
        Assert.True(CasePolicy.MayTakeCaseAction(RoutedReviewer, placement, "reviewer"));
        Assert.True(CasePolicy.CanCoordinate(Coordinator, placement));
        Assert.False(CasePolicy.CanCoordinate(OtherCoordinator, placement));
        Assert.True(CasePolicy.CanReadWorkflow(Designer, placement));
        Assert.False(CasePolicy.CanRead(Designer, placement));
    }

    /// <summary>A Tianhe key project accepted in Guangzhou, collected in Qingyuan, routed to emergency management.</summary>
    private static CaseState RoutedProjectDeliveredToQingyuan() => new()
    {
        Id = "case-1",
        Number = "GZ-20261206-000001",
        TrackingCode = "ABCDEFGHJKLMNPQR",
        Department = "development-reform",
        ReviewDepartments = ["development-reform"],
        Channel = "key-project",
        Hall = "gz",
        Window = "key-project",
        Applicant = new ApplicantDetails { Name = "张三", IdNumber = "440106199003071231", Phone = "13800138000" },
        Delivery = new DeliveryChoice { Method = "window", Hall = "qy" },
        Coordination = new CoordinationState { Coordinator = "coordinator", District = "tianhe" },
        Workflow = new WorkflowState
        {
            Stage = BoardStage.BackOfficeReview,
            OpenSteps = [Step("approve", ["reviewer"], department: "emergency-management")],
        },
    };

    private static OpenStep Step(string action, List<string> roles, string? hall = null, string? department = null) => new()
    {
        Id = "s-" + action,
        Actions = [action],
        Roles = roles,
        Hall = hall,
        Department = department,
    };

    private static string Describe(CasePlacement p) =>
        string.Join("|", p.Hall, p.DeliveryHall, p.Window, string.Join(",", p.Departments), string.Join(",", p.RoutedDepartments),
            p.Channel, p.District, p.Coordinator, p.TrackingCode);
}
