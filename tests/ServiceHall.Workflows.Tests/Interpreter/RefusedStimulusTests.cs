using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Interpreter;

/// <summary>Every refusal is typed and leaves the caller's state exactly as it was (checked inside <see cref="CaseDriver.Refused"/>).</summary>
public sealed class RefusedStimulusTests
{
    private static CaseDriver Standard() => CaseDriver.StartShipped(ShippedDefinitions.StandardCaseId,
        new { hall = Staff.TianheHall, department = Staff.MarketRegulation });

    [Fact]
    public void WrongActionListsWhatIsAvailable()
    {
        var driver = Standard();

        var error = Assert.IsType<ActionNotAvailable>(driver.Refused(ActionNames.Approve, Staff.Reviewer()));

        Assert.Equal([ActionNames.Accept, ActionNames.Reject, ActionNames.RequestCorrection], error.Available.Select(a => a.Name));
        Assert.Equal("action-not-available", error.Code);
    }

    [Fact]
    public void WrongRoleIsRefused()
    {
        var driver = Standard();

        var error = Assert.IsType<RoleNotAllowed>(driver.Refused(ActionNames.Accept, Staff.Reviewer()));

        Assert.Equal(Roles.Reviewer, error.Role);
        Assert.Equal([Roles.Clerk], error.AllowedRoles);
        Assert.IsType<RoleNotAllowed>(driver.Refused(ActionNames.Accept, Staff.Applicant));
    }

    [Fact]
    public void WrongScopeIsRefused()
    {
        var driver = Standard();
        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Accept, Staff.Clerk(Staff.FutianHall)));
        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Accept, Staff.Clerk() with { Scope = null }));

        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Reviewer());

        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Approve, Staff.Reviewer(Staff.Planning)));
    }

    [Fact]
    public void StaffWithoutTheirRolesScopeAreRefusedEvenOnAStepThatNamesNoHall()
    {
        var driver = Standard();
        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = new[] { new { problem = "a" } } });
        var answers = new { answers = new[] { new { deficiencyId = "r1-d1" } } };

        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Resubmit, Staff.Clerk() with { Scope = null }, answers));
        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Resubmit, Staff.Clerk() with { Scope = new ActorScope(Department: Staff.MarketRegulation) }, answers));
        driver.Act(ActionNames.Resubmit, Staff.Clerk(), answers);
    }

    [Fact]
    public void FinishedInstanceAcceptsNothing()
    {
        var driver = Standard();
        var clock = driver.State.Timers.Single().Id;
        driver.Act(ActionNames.Reject, Staff.Clerk(), new { reason = "duplicate application" });

        Assert.Equal(WorkflowStatus.Finished, Assert.IsType<InstanceNotRunning>(driver.Refused(ActionNames.Accept, Staff.Clerk())).Status);
        var timer = driver.Interpreter.FireTimer(driver.Workflow, driver.State, new TimerFired(driver.Now.AddDays(30), clock));
        Assert.IsType<InstanceNotRunning>(timer.Error);
        Assert.Same(driver.State, timer.State);
    }

    [Fact]
    public void UnknownStepAndStaleTimerAreRefused()
    {
        var driver = Standard();

        Assert.IsType<StepNotFound>(driver.Refused(ActionNames.Accept, Staff.Clerk(), stepId: "s999"));
        var stale = driver.Interpreter.FireTimer(driver.Workflow, driver.State, new TimerFired(driver.Now, "t999"));
        Assert.IsType<UnknownTimer>(stale.Error);
        Assert.Same(driver.State, stale.State);
    }

    [Fact]
    public void NamingTheStepByIdOrActivityWorks()
    {
        var driver = Standard();
        var step = driver.Step("accept");

        driver.Act(ActionNames.Accept, Staff.Clerk(), stepId: step.Id);
        driver.Act(ActionNames.Pass, Staff.Reviewer(), stepId: "formal");

        Assert.Equal("review", Assert.Single(driver.OpenActivities));
    }

    [Fact]
    public void InvalidPayloadsNameTheField()
    {
        var driver = Standard();

        Assert.Equal("deficiencies", Field(driver.Refused(ActionNames.RequestCorrection, Staff.Clerk(), new { })));
        Assert.Equal("deficiencies", Field(driver.Refused(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = Array.Empty<object>() })));
        Assert.Equal("deficiencies[1].problem", Field(driver.Refused(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = new[] { new { problem = "ok" }, new { problem = " " } } })));
        Assert.Equal("reason", Field(driver.Refused(ActionNames.Reject, Staff.Clerk(), new { reason = "" })));
        Assert.Equal("materials", Field(driver.Refused(ActionNames.Accept, Staff.Clerk(), new { materials = "id-card" })));

        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = new[] { new { problem = "a" }, new { problem = "b" } } });
        Assert.Equal("answers", Field(driver.Refused(ActionNames.Resubmit, Staff.Applicant, new { answers = new[] { new { deficiencyId = "r1-d1" } } })));
        Assert.Equal("answers[1].deficiencyId", Field(driver.Refused(ActionNames.Resubmit, Staff.Applicant, new { answers = new[] { new { deficiencyId = "r1-d1" }, new { deficiencyId = "r9-d9" } } })));
        Assert.Equal("answers", Field(driver.Refused(ActionNames.Resubmit, Staff.Applicant, new { })));

        driver.Resubmit();
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Reviewer());
        Assert.Equal("reason", Field(driver.Refused(ActionNames.Deny, Staff.Reviewer(), new { })));
        driver.Act(ActionNames.Approve, Staff.Reviewer());
        Assert.Equal("form", Field(driver.Refused(ActionNames.IssueCertificate, Staff.Clerk(), new { form = "vellum" })));
    }

    [Fact]
    public void SameActionOnTwoStepsForTheSameActorNeedsAStepId()
    {
        var driver = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Route, Staff.Coordinator(), new
        {
            groups = new[] { new { parallel = true, steps = new[] { new { department = Staff.Planning, reviewer = (string?)null }, new { department = Staff.Planning, reviewer = (string?)"planner-li" } } } },
        });
        var unassigned = driver.State.OpenSteps.Single(s => s.AssignedTo is null);

        // Only one of the two steps is open to an unnamed planner, so there is no ambiguity for them.
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning));
        Assert.DoesNotContain(driver.State.OpenSteps, s => s.Id == unassigned.Id);

        var driver2 = CaseDriver.StartShipped(ShippedDefinitions.KeyProjectCaseId, new { hall = Staff.TianheHall });
        driver2.Act(ActionNames.Accept, Staff.Clerk());
        driver2.Act(ActionNames.Route, Staff.Coordinator(), new
        {
            groups = new[] { new { parallel = true, steps = new[] { new { department = Staff.Planning }, new { department = Staff.Planning } } } },
        });
        var ambiguous = Assert.IsType<AmbiguousStep>(driver2.Refused(ActionNames.Approve, Staff.Reviewer(Staff.Planning)));
        Assert.Equal(2, ambiguous.StepIds.Count);
        driver2.Act(ActionNames.Approve, Staff.Reviewer(Staff.Planning), stepId: ambiguous.StepIds[1]);
        Assert.Equal(ambiguous.StepIds[0], Assert.Single(driver2.State.OpenSteps).Id);
    }

    [Fact]
    public void StateOfAnotherDefinitionVersionIsRefused()
    {
        var driver = Standard();
        var instant = driver.Interpreter.Prepare(ShippedDefinitions.Load(ShippedDefinitions.InstantCaseId));

        var result = driver.Interpreter.Resume(instant, driver.State, new ResumeStep(driver.Now, ActionNames.Accept, Staff.Clerk()));

        Assert.IsType<DefinitionMismatch>(result.Error);
        Assert.Same(driver.State, result.State);
    }

    private static string Field(StimulusError error) => Assert.IsType<InvalidPayload>(error).Field;
}
