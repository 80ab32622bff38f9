using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Scenarios;

public sealed class KeyProjectCaseTests
{
    private static readonly object TwoDepartmentsInParallel = new
    {
        groups = new[] { new { parallel = true, steps = new object[] { new { department = Staff.Planning }, new { department = Staff.Environment } } } },
    };

    private static CaseDriver OpenAndRoute(object? plan = null)
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall, district = Staff.Nansha });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        Assert.Equal([ActionNames.Route], driver.Step("routing").Actions);
        driver.Act(ActionNames.Route, Staff.Coordinator(), plan ?? TwoDepartmentsInParallel);
        return driver;
    }

    private static OpenStep ReviewOf(CaseDriver driver, string department) =>
        Assert.Single(driver.State.OpenSteps, s => s.ActivityId == "review" && s.Department == department);

    [Fact]
    public void RoutingOpensOneReviewPerDepartmentAtOnce()
    {
        var driver = OpenAndRoute();

        Assert.Equal([Staff.Planning, Staff.Environment], driver.State.OpenSteps.Select(s => s.Department));
        Assert.All(driver.State.OpenSteps, s => Assert.Equal(BoardStage.BackOfficeReview, s.Stage));
        Assert.Equal(2, driver.State.OpenSteps.Select(s => s.StepKey).Distinct().Count());
    }

    [Fact]
    public void HappyPathWaitsForEveryDepartment()
    {
        var driver = OpenAndRoute();

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Environment), new { opinion = "no objection" });
        Assert.Equal(Staff.Planning, Assert.Single(driver.State.OpenSteps).Department);

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning));
        Assert.Equal("certificate", Assert.Single(driver.OpenActivities));
        Assert.Equal(2, driver.State.Variables["Opinions"]!.AsArray().Count);

        driver.Act(ActionNames.IssueCertificate, Staff.Clerk(), new { form = "paper" });
        driver.Act(ActionNames.NotifyPickup, Staff.Clerk());
        driver.Act(ActionNames.PickedUp, Staff.Clerk());
        CaseAssertions.FinishedCleanly(driver);
    }

    [Fact]
    public void OneDepartmentAsksForCorrectionWhileTheOtherApproves()
    {
        var driver = OpenAndRoute();

        driver.Act(ActionNames.RequestCorrection, Staff.Reviewer(Staff.Planning), new { deficiencies = new[] { new { materialCode = "site-plan", problem = "scale missing" } } });
        // The round is not over until every department has decided, so no notice goes out yet.
        Assert.Empty(driver.Documents(DocumentKinds.CorrectionNotice));
        Assert.Equal(Staff.Environment, Assert.Single(driver.State.OpenSteps).Department);

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Environment));
        var notice = Assert.Single(driver.Documents(DocumentKinds.CorrectionNotice));
        var deficiency = Assert.Single(notice.Data["deficiencies"]!.AsArray());
        Assert.Equal(Staff.Planning, deficiency!["department"]!.GetValue<string>());
        Assert.Equal(BoardStage.AwaitingCorrection, driver.State.Stage);

        driver.Resubmit(Staff.Applicant);
        // Only the department that asked looks again; the approval stands.
        Assert.Equal(Staff.Planning, Assert.Single(driver.State.OpenSteps).Department);

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning));
        Assert.Equal("certificate", Assert.Single(driver.OpenActivities));
    }

    [Fact]
    public void BothDepartmentsCorrectionsGoOutOnOneNotice()
    {
        var driver = OpenAndRoute();

        driver.Act(ActionNames.RequestCorrection, Staff.Reviewer(Staff.Planning), new { deficiencies = new[] { new { problem = "plan" } } });
        driver.Act(ActionNames.RequestCorrection, Staff.Reviewer(Staff.Environment), new { deficiencies = new[] { new { problem = "noise report" }, new { problem = "water report" } } });

        var notice = Assert.Single(driver.Documents(DocumentKinds.CorrectionNotice));
        Assert.Equal(3, notice.Data["deficiencies"]!.AsArray().Count);
    }

    [Fact]
    public void CorrectionLoopRunsTwoRounds()
    {
        var driver = OpenAndRoute();
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Environment));

        for (var round = 1; round <= 2; round++)
        {
            driver.Act(ActionNames.RequestCorrection, Staff.Reviewer(Staff.Planning), new { deficiencies = new[] { new { problem = $"round {round}" } } });
            Assert.Equal(round, driver.Documents(DocumentKinds.CorrectionNotice)[round - 1].Data["round"]!.GetValue<int>());
            driver.Resubmit();
            Assert.Equal(Staff.Planning, Assert.Single(driver.State.OpenSteps).Department);
        }

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning));
        Assert.Equal("certificate", Assert.Single(driver.OpenActivities));
    }

    [Fact]
    public void ADenialWithdrawsTheOtherDepartmentsStepAndEnds()
    {
        var driver = OpenAndRoute();

        driver.Act(ActionNames.Deny, Staff.Reviewer(Staff.Environment), new { reason = "inside a protected zone" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.Contains(driver.Journal, e => e.Event == JournalEvent.StepCancelled && e.ActivityId == "review");
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Template == "review-denied");
    }

    [Fact]
    public void SequentialGroupsReviewInTurnAndHonourNamedReviewers()
    {
        var plan = new
        {
            groups = new object[]
            {
                new { parallel = false, steps = new object[] { new { department = Staff.Planning, reviewer = "planner-li", dueAt = "2025-03-10T17:00:00+08:00" }, new { department = Staff.Environment } } },
                new { parallel = true, steps = new object[] { new { department = Staff.MarketRegulation } } },
            },
        };
        var driver = OpenAndRoute(plan);

        var first = Assert.Single(driver.State.OpenSteps);
        Assert.Equal("planner-li", first.AssignedTo);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 17, 0, 0, TimeSpan.FromHours(8)), first.DueAt);
        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Approve, Staff.Reviewer(Staff.Planning)));

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning, id: "planner-li"));
        Assert.Equal(Staff.Environment, ReviewOf(driver, Staff.Environment).Department);
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Environment));
        Assert.Equal(Staff.MarketRegulation, Assert.Single(driver.State.OpenSteps).Department);
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.MarketRegulation));

        Assert.Equal("certificate", Assert.Single(driver.OpenActivities));
    }

    [Fact]
    public void OnlyACoordinatorOfTheDistrictMayRouteAValidPlan()
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall, district = Staff.Nansha });
        driver.Act(ActionNames.Accept, Staff.Clerk());

        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Route, Staff.Coordinator("huangpu"), TwoDepartmentsInParallel));
        Assert.IsType<RoleNotAllowed>(driver.Refused(ActionNames.Route, Staff.Clerk(), TwoDepartmentsInParallel));
        Assert.Equal("groups", Assert.IsType<InvalidPayload>(driver.Refused(ActionNames.Route, Staff.Coordinator(), new { groups = Array.Empty<object>() })).Field);
        var missing = Assert.IsType<InvalidPayload>(driver.Refused(ActionNames.Route, Staff.Coordinator(), new { groups = new[] { new { parallel = true, steps = new[] { new { reviewer = "x" } } } } }));
        Assert.Equal("groups[0].steps[0].department", missing.Field);
    }

    [Fact]
    public void RejectionAtAcceptanceEndsBeforeRouting()
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall });

        driver.Act(ActionNames.Reject, Staff.Clerk(), new { reason = "not a key project" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.DoesNotContain(driver.Journal, e => e.ActivityId == "routing");
    }
}
