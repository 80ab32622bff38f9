using ServiceHall.Workflows.Interpreter;
using ServiceHall.Workflows.Shipped;
using ServiceHall.Workflows.Tests.Support;

namespace ServiceHall.Workflows.Tests.Scenarios;

public sealed class CrossCityCaseTests
{
    private static CaseDriver Open() => CaseDriver.StartShipped(ShippedDefinitions.CrossCityCaseId,
        new { hall = Staff.TianheHall, reviewDepartment = Staff.ShenzhenMarketRegulation, deliveryMethod = "window" });

    [Fact]
    public void AcceptedHereReviewedThereIssuedHere()
    {
        var driver = Open();

        // A clerk of the other city's hall cannot accept for this one.
        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Accept, Staff.Clerk(Staff.FutianHall)));
        driver.Act(ActionNames.Accept, Staff.Clerk(Staff.TianheHall));
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Recipient == Staff.ShenzhenMarketRegulation && n.Template == "cross-city-forwarded");
        Assert.Equal(Staff.ShenzhenMarketRegulation, driver.Step("review").Department);

        // This city's department has no say in the other city's review.
        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.Approve, Staff.Reviewer(Staff.MarketRegulation)));
        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.ShenzhenMarketRegulation));
        Assert.Contains(driver.Last.Effects.OfType<SendNotification>(), n => n.Recipient == Roles.Clerk && n.Template == "cross-city-approved");

        Assert.Equal(Staff.TianheHall, driver.Step("certificate").Hall);
        Assert.IsType<OutOfScope>(driver.Refused(ActionNames.IssueCertificate, Staff.Clerk(Staff.FutianHall), new { form = "paper" }));
        driver.Act(ActionNames.IssueCertificate, Staff.Clerk(), new { form = "paper" });
        driver.Act(ActionNames.PickedUp, Staff.Clerk());

        CaseAssertions.FinishedCleanly(driver);
    }

    [Fact]
    public void CorrectionLoopRunsTwoRoundsThroughTheOtherCity()
    {
        var driver = Open();
        driver.Act(ActionNames.Accept, Staff.Clerk());

        for (var round = 1; round <= 2; round++)
        {
            driver.Act(ActionNames.RequestCorrection, Staff.Reviewer(Staff.ShenzhenMarketRegulation), new { deficiencies = new[] { new { problem = $"round {round}" } } });
            Assert.Equal(BoardStage.AwaitingCorrection, driver.State.Stage);
            // The applicant resubmits at the hall where the case was accepted.
            driver.Resubmit(Staff.Clerk(Staff.TianheHall));
        }

        driver.Act(ActionNames.Approve, Staff.Reviewer(Staff.ShenzhenMarketRegulation));
        Assert.Equal(2, driver.Documents(DocumentKinds.CorrectionNotice).Count);
        Assert.Equal("certificate", Assert.Single(driver.OpenActivities));
    }

    [Fact]
    public void DenialByTheOtherCityEndsTheCase()
    {
        var driver = Open();
        driver.Act(ActionNames.Accept, Staff.Clerk());

        driver.Act(ActionNames.Deny, Staff.Reviewer(Staff.ShenzhenMarketRegulation), new { reason = "outside the licensing scope" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.Contains(driver.EffectsOf<SendNotification>(), n => n.Template == "review-denied");
    }

    [Fact]
    public void RejectionAtTheAcceptingHallEndsTheCase()
    {
        var driver = Open();

        driver.Act(ActionNames.Reject, Staff.Clerk(), new { reason = "not a cross-city item" });

        CaseAssertions.FinishedCleanly(driver);
        Assert.DoesNotContain(driver.Journal, e => e.ActivityId == "review");
    }
}
