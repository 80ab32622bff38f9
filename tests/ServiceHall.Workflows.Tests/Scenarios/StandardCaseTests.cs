using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Scenarios;

public sealed class StandardCaseTests
{
    private static readonly object Input = new { hall = Staff.TianheHall, department = Staff.MarketRegulation, timeLimitDays = 15 };

    private static CaseDriver Open(object? input = null) => CaseDriver.StartShipped(ShippedDefinitions.StandardCaseId, input ?? Input);

    [Fact]
    public void StartingOpensAcceptanceAndTheStatutoryClock()
    {
        var driver = Open();

        var step = driver.Step("accept");
        Assert.Equal(BoardStage.Acceptance, driver.State.Stage);
        Assert.Equal([ActionNames.Accept, ActionNames.Reject, ActionNames.RequestCorrection], step.Actions);
        Assert.Equal([Roles.Clerk], step.Roles);
        Assert.Equal(Staff.TianheHall, step.Hall);
        var clock = Assert.Single(driver.EffectsOf<ScheduleTimer>());
        Assert.Equal(TimerPurpose.Sla, clock.Purpose);
        Assert.Equal(CaseDriver.Opened.AddDays(15), clock.DueAt);
        Assert.Contains(new StageChanged(BoardStage.None, BoardStage.Acceptance), driver.Effects);
    }

    [Fact]
    public void HappyPathRunsFromAcceptanceToPickup()
    {
        var driver = Open();

        driver.Act(ActionNames.Accept, Staff.Clerk(), new { materials = new[] { new { code = "id-card", form = "original" } } });
        Assert.Equal(BoardStage.FormalReview, driver.State.Stage);
        Assert.Single(driver.Documents(DocumentKinds.Receipt));

        driver.Act(ActionNames.Pass, Staff.Reviewer(), new { comment = "complete" });
        Assert.Equal(BoardStage.BackOfficeReview, driver.State.Stage);
        Assert.Equal(Staff.MarketRegulation, driver.Step("review").Department);

        driver.Act(ActionNames.Approve, Staff.Reviewer(), new { opinion = "meets the conditions" });
        Assert.Equal(BoardStage.Certificate, driver.State.Stage);
        var opinions = driver.State.Variables["Opinions"]!.AsArray();
        Assert.Equal("approved", opinions.Single()!["decision"]!.GetValue<string>());

        driver.Act(ActionNames.IssueCertificate, Staff.Clerk(), new { form = "both" });
        Assert.Equal("both", driver.Documents(DocumentKinds.Certificate).Single().Data["form"]!.GetValue<string>());
        Assert.Equal(BoardStage.Pickup, driver.State.Stage);

        driver.Act(ActionNames.NotifyPickup, Staff.Clerk());
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Template == "ready-for-pickup" && n.Recipient == Roles.Applicant);
        Assert.Equal([ActionNames.PickedUp], driver.Step("pickup").Actions);

        driver.Act(ActionNames.PickedUp, Staff.Clerk(), new { by = "applicant in person" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.Contains(new StageChanged(BoardStage.Pickup, BoardStage.Closed), driver.Effects);
    }

    [Fact]
    public void CorrectionLoopRunsTwoRoundsAtAcceptanceWithOneNoticePerRound()
    {
        var driver = Open();

        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new
        {
            deficiencies = new object[] { new { materialCode = "licence-copy", problem = "blurred" }, new { problem = "signature missing" } },
        });
        Assert.Equal(BoardStage.AwaitingCorrection, driver.State.Stage);
        var first = Assert.Single(driver.Documents(DocumentKinds.CorrectionNotice));
        Assert.Equal(["r1-d1", "r1-d2"], first.Data["deficiencies"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()));
        Assert.Equal("blurred", first.Data["deficiencies"]![0]!["problem"]!.GetValue<string>());

        driver.Resubmit(Staff.Applicant);
        Assert.Equal(BoardStage.Acceptance, driver.State.Stage);
        Assert.Equal("accept", Assert.Single(driver.OpenActivities));

        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = new[] { new { problem = "wrong form version" } } });
        var second = driver.Documents(DocumentKinds.CorrectionNotice)[1];
        Assert.Equal(2, second.Data["round"]!.GetValue<int>());
        Assert.Equal(["r2-d1"], second.Data["deficiencies"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()));

        driver.Resubmit();
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Reviewer());
        driver.Act(ActionNames.Approve, Staff.Reviewer());
        driver.Act(ActionNames.IssueCertificate, Staff.Clerk(), new { form = "paper" });
        driver.Act(ActionNames.PickedUp, Staff.Clerk());

        CaseAssertions.FinishedCleanly(driver);
        // Each notice had a deadline; both were cancelled by the resubmissions.
        Assert.Equal(2, driver.EffectsOf<ScheduleTimer>().Count(t => t.Purpose == TimerPurpose.CorrectionDeadline));
    }

    [Fact]
    public void CorrectionAtDepartmentReviewReturnsToThatReview()
    {
        var driver = Open();
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Reviewer());

        for (var round = 1; round <= 2; round++)
        {
            driver.Act(ActionNames.RequestCorrection, Staff.Reviewer(), new { deficiencies = new[] { new { problem = $"site plan, round {round}" } } });
            Assert.Equal("notice-review", Assert.Single(driver.OpenActivities));
            var deficiency = driver.Step("notice-review").Data["deficiencies"]![0]!;
            Assert.Equal(Staff.MarketRegulation, deficiency["department"]!.GetValue<string>());
            driver.Resubmit();
            Assert.Equal("review", Assert.Single(driver.OpenActivities));
        }

        driver.Act(ActionNames.Approve, Staff.Reviewer());
        Assert.Equal("certificate", Assert.Single(driver.OpenActivities));
    }

    [Fact]
    public void RejectionAtAcceptanceEndsTheCaseWithARejectionNotice()
    {
        var driver = Open();

        driver.Act(ActionNames.Reject, Staff.Clerk(), new { reason = "not within this hall's remit" });

        CaseAssertions.FinishedCleanly(driver);
        var notice = Assert.Single(driver.Documents(DocumentKinds.RejectionNotice));
        Assert.Equal("not within this hall's remit", notice.Data["reason"]!.GetValue<string>());
        Assert.Contains(driver.Journal, e => e.Event == JournalEvent.Completed && e.ActivityId == "end-rejected");
    }

    [Fact]
    public void DenialAtDepartmentReviewNotifiesTheApplicantAndEnds()
    {
        var driver = Open();
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Reviewer());

        driver.Act(ActionNames.Deny, Staff.Reviewer(), new { reason = "zoning does not allow it" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Template == "review-denied");
        Assert.Contains(driver.Journal, e => e.ActivityId == "end-denied" && e.Event == JournalEvent.Completed);
        // 不予行政许可决定书: the written decision the text message promises, with the department's reason.
        var decision = Assert.Single(driver.Documents(DocumentKinds.DenialDecision));
        Assert.Equal("zoning does not allow it", decision.Data["reason"]!.GetValue<string>());
    }

    [Fact]
    public void UnansweredCorrectionExpiresAtItsDeadline()
    {
        var driver = Open();
        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = new[] { new { problem = "missing page" } } });
        var due = driver.Step("notice-accept").DueAt;

        driver.FireTimer(TimerPurpose.CorrectionDeadline);

        Assert.Equal(CaseDriver.Opened.AddMinutes(1).AddDays(5), due);
        CaseAssertions.FinishedCleanly(driver);
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Template == "correction-expired");
    }

    [Fact]
    public void BreachedClockEscalatesWithoutStoppingTheCase()
    {
        var driver = Open();
        driver.Act(ActionNames.Accept, Staff.Clerk());

        driver.FireTimer(TimerPurpose.Sla);

        Assert.Contains(driver.Last.Effects.OfType<SendNotification>(), n => n.Recipient == "manager" && n.Template == "sla-breached");
        Assert.Equal(WorkflowStatus.Running, driver.State.Status);
        Assert.Equal("formal", Assert.Single(driver.OpenActivities));
    }

    [Fact]
    public void ElectronicDeliveryNeedsNoPickupStep()
    {
        var driver = Open(new { hall = Staff.TianheHall, department = Staff.MarketRegulation, deliveryMethod = "electronic" });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Reviewer());
        driver.Act(ActionNames.Approve, Staff.Reviewer());

        driver.Act(ActionNames.IssueCertificate, Staff.Clerk(), new { form = "electronic" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Template == "certificate-delivered-electronically");
    }

    [Fact]
    public void EmsDeliveryNeedsATrackingNumber()
    {
        var driver = Open(new { hall = Staff.TianheHall, department = Staff.MarketRegulation, deliveryMethod = "ems" });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Reviewer());
        driver.Act(ActionNames.Approve, Staff.Reviewer());
        driver.Act(ActionNames.IssueCertificate, Staff.Clerk(), new { form = "paper" });

        var error = Assert.IsType<InvalidPayload>(driver.Refused(ActionNames.Mailed, Staff.Clerk(), new { }));
        Assert.Equal("emsTrackingNo", error.Field);

        driver.Act(ActionNames.Mailed, Staff.Clerk(), new { emsTrackingNo = "EA123456789CN" });
        CaseAssertions.FinishedCleanly(driver);
        var sms = driver.EffectsOf<SendNotification>().Single(n => n.Template == "certificate-mailed");
        Assert.Equal("EA123456789CN", sms.Data["emsTrackingNo"]!.GetValue<string>());
    }

    [Fact]
    public void WithoutADepartmentTheReviewBecomesAnIncident()
    {
        var driver = Open(new JsonObject { ["hall"] = Staff.TianheHall });
        driver.Act(ActionNames.Accept, Staff.Clerk());

        driver.Act(ActionNames.Pass, Staff.Reviewer());

        var incident = Assert.Single(driver.State.Incidents);
        Assert.Equal("review", incident.ActivityId);
        Assert.Equal(WorkflowStatus.Faulted, driver.State.Status);
        Assert.IsType<InstanceNotRunning>(driver.Refused(ActionNames.Approve, Staff.Reviewer()));
    }
}
