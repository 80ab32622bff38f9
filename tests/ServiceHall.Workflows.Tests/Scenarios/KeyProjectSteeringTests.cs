using ServiceHall.Workflows.Activities.ServiceHall;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Scenarios;

/// <summary>A coordinator steering a routed key-project review: reassigning a step, adding a department, shifting due dates.</summary>
public sealed class KeyProjectSteeringTests
{
    private static readonly DateTimeOffset Due = CaseDriver.Opened.AddDays(5);

    private static CaseDriver Routed()
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall, district = Staff.Nansha });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Route, Staff.Coordinator(), new
        {
            groups = new object[]
            {
                new { parallel = true, steps = new object[] { new { department = Staff.Planning, reviewer = "planner-a", dueAt = Due.ToString("O") }, new { department = Staff.Environment } } },
                new { parallel = false, steps = new object[] { new { department = Staff.MarketRegulation } } },
            },
        });
        return driver;
    }

    private static StimulusResult Steer(CaseDriver driver, string change, object payload) =>
        driver.Apply(new SteerPlan(driver.Now, change, Staff.Coordinator(), CaseDriver.ToObject(payload)));

    [Fact]
    public void RoutingForksIntoTheReviewAndANoticeToTheApplicantAndJoinsAfterTheLastGroup()
    {
        var driver = Routed();
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Template == "project-routed" && n.Recipient == Roles.Applicant);
        Assert.Equal(["open", "open", "waiting"], ReviewProgress.Describe(driver.State).Select(s => s.State));

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning, "planner-a"));
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Environment));
        Assert.Equal(["approved", "approved", "open"], ReviewProgress.Describe(driver.State).Select(s => s.State));
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.MarketRegulation));

        Assert.Equal("certificate", Assert.Single(driver.OpenActivities));
        Assert.Equal(["approved", "approved", "approved"], ReviewProgress.Describe(driver.State).Select(s => s.State));
    }

    [Fact]
    public void AReassignedStepReopensForTheNewReviewerAndTheOldOneMayNoLongerAct()
    {
        var driver = Routed();
        var before = Assert.Single(driver.State.OpenSteps, s => s.Department == Staff.Planning);

        Steer(driver, BackOfficeReviewActivity.Reassign, new { stepId = before.Id, reviewer = "planner-b" });

        var after = Assert.Single(driver.State.OpenSteps, s => s.Department == Staff.Planning);
        Assert.NotEqual(before.Id, after.Id);
        Assert.Equal("planner-b", after.AssignedTo);
        Assert.Equal(Due, after.DueAt);
        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Approve, Staff.Reviewer(Staff.Planning, "planner-a")));
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning, "planner-b"));
        Assert.Equal("approved", ReviewProgress.Describe(driver.State)[0].State);
    }

    [Fact]
    public void AnAddedDepartmentJoinsTheRunningGroupAndTheGroupWaitsForIt()
    {
        var driver = Routed();
        Steer(driver, BackOfficeReviewActivity.AddDepartment, new { department = "housing-construction" });
        Assert.Equal(3, driver.State.OpenSteps.Count(s => s.ActivityId == "review"));

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning, "planner-a"));
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Environment));
        Assert.Equal("housing-construction", Assert.Single(driver.State.OpenSteps).Department);
        driver.Act(ActionNames.Approve, Staff.Reviewer("housing-construction"));
        Assert.Equal(Staff.MarketRegulation, Assert.Single(driver.State.OpenSteps).Department);
    }

    [Fact]
    public void SteeringIsRefusedBeforeRoutingAndForDecidedSteps()
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        var early = driver.Interpreter.Steer(driver.Workflow, driver.State, new SteerPlan(driver.Now, "reassign", Staff.Coordinator(), []));
        Assert.IsType<NothingToSteer>(early.Error);

        var routed = Routed();
        routed.Act(ActionNames.Approve, Staff.Reviewer(Staff.Environment));
        var decided = routed.Interpreter.Steer(routed.Workflow, routed.State,
            new SteerPlan(routed.Now, "reassign", Staff.Coordinator(), CaseDriver.ToObject(new { part = "g0s1", reviewer = "x" })));
        Assert.Equal("part", Assert.IsType<InvalidPayload>(decided.Error).Field);
        Assert.Same(routed.State, decided.State);
    }

    [Fact]
    public void ShiftingDueDatesMovesOnlyUndecidedSteps()
    {
        var driver = Routed();
        var shifted = ReviewProgress.ShiftDueDates(driver.State, due => due.AddHours(18));
        Assert.Equal(Due.AddHours(18), ReviewProgress.Describe(shifted)[0].DueAt);
        Assert.Equal(Due, ReviewProgress.Describe(driver.State)[0].DueAt);
    }
}
