using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Scenarios;

public sealed class InstantCaseTests
{
    private static CaseDriver Open(object? input = null) =>
        CaseDriver.StartShipped(ShippedDefinitions.InstantCaseId, input ?? new { hall = Staff.TianheHall });

    [Fact]
    public void ClockRunsSixtyMinutes()
    {
        var driver = Open();

        var clock = Assert.Single(driver.EffectsOf<ScheduleTimer>());
        Assert.Equal(TimerPurpose.Sla, clock.Purpose);
        Assert.Equal(CaseDriver.Opened.AddMinutes(60), clock.DueAt);
    }

    [Fact]
    public void HappyPathIsAcceptedReviewedAndIssuedOnTheSpot()
    {
        var driver = Open();

        driver.Act(ActionNames.Accept, Staff.Clerk());
        var review = driver.Step("review");
        Assert.Equal([Roles.Clerk], review.Roles);
        Assert.Equal(BoardStage.FormalReview, driver.State.Stage);

        driver.Act(ActionNames.Pass, Staff.Clerk());

        CaseAssertions.FinishedCleanly(driver);
        var certificate = Assert.Single(driver.Documents(DocumentKinds.Certificate));
        Assert.Equal("electronic", certificate.Data["form"]!.GetValue<string>());
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Template == "certificate-issued");
        Assert.Contains(driver.EffectsOf<CancelTimer>(), c => c.TimerId == driver.EffectsOf<ScheduleTimer>().Single(t => t.Purpose == TimerPurpose.Sla).TimerId);
        Assert.True(driver.State.FinishedAt - driver.State.CreatedAt < TimeSpan.FromMinutes(60));
    }

    [Fact]
    public void CertificateFormComesFromTheInput()
    {
        var driver = Open(new { hall = Staff.TianheHall, certificateForm = "paper" });
        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.Pass, Staff.Clerk());

        Assert.Equal("paper", Assert.Single(driver.Documents(DocumentKinds.Certificate)).Data["form"]!.GetValue<string>());
    }

    [Fact]
    public void CorrectionLoopRunsTwoRoundsWithAOneDayDeadline()
    {
        var driver = Open();

        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = new[] { new { materialCode = "photo", problem = "not a passport photo" } } });
        Assert.Equal(driver.Now.AddDays(1), driver.Step("notice-accept").DueAt);
        driver.Resubmit(Staff.Applicant);

        driver.Act(ActionNames.Accept, Staff.Clerk());
        driver.Act(ActionNames.RequestCorrection, Staff.Clerk(), new { deficiencies = new[] { new { problem = "form unsigned" } } });
        Assert.Equal("notice-review", Assert.Single(driver.OpenActivities));
        driver.Resubmit();
        Assert.Equal("review", Assert.Single(driver.OpenActivities));

        driver.Act(ActionNames.Pass, Staff.Clerk());

        CaseAssertions.FinishedCleanly(driver);
        Assert.Equal(2, driver.Documents(DocumentKinds.CorrectionNotice).Count);
    }

    [Fact]
    public void RejectionEndsTheCase()
    {
        var driver = Open();

        driver.Act(ActionNames.Reject, Staff.Clerk(), new { reason = "not an instant item" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.Single(driver.Documents(DocumentKinds.RejectionNotice));
        Assert.Empty(driver.Documents(DocumentKinds.Certificate));
    }

    [Fact]
    public void OverrunningTheHourAlertsTheManager()
    {
        var driver = Open();

        driver.FireTimer(TimerPurpose.Sla);

        Assert.Equal(CaseDriver.Opened.AddMinutes(60), driver.Now);
        Assert.Contains(driver.Last.Effects.OfType<SendNotification>(), n => n.Recipient == "manager" && n.Template == "instant-sla-breached");
        Assert.Equal("accept", Assert.Single(driver.OpenActivities));
    }
}
