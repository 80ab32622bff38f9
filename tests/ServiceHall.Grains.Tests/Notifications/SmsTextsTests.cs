using System.Text.Json.Nodes;
using ServiceHall.Grains.Notifications;

namespace ServiceHall.Grains.Tests.Notifications;

/// <summary>Issue 21: the applicant's texts promise only what the hall has — no app it does not run, no document it does not issue.</summary>
public sealed class SmsTextsTests
{
    [Theory]
    [InlineData("review-denied")]
    [InlineData("certificate-delivered-electronically")]
    public void ATextPointsToTheTrackerNotToSomethingTheHallDoesNotHave(string template)
    {
        var text = SmsTexts.Render(template, [], "GZ-20261207-000001", "内资公司变更登记", "TRACK123");

        Assert.DoesNotContain("粤省事", text, StringComparison.Ordinal);
        Assert.Contains("TRACK123", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheDenialPromisesTheDenialDecisionTheWorkflowNowIssues()
    {
        var denied = SmsTexts.Render("review-denied", [], "GZ-1", "危险化学品经营许可证新办", "T");
        var delivered = SmsTexts.Render("certificate-delivered-electronically", [], "GZ-1", "危险化学品经营许可证新办", "T");

        Assert.Contains("《不予行政许可决定书》", denied, StringComparison.Ordinal);
        Assert.DoesNotContain("决定书", delivered, StringComparison.Ordinal);
    }

    [Fact]
    public void ADenialGivesItsReasonWhenTheStepRecordedOne()
    {
        var text = SmsTexts.Render("review-denied", new JsonObject { ["reason"] = "储存场所不符合安全条件" }, "GZ-1", "危险化学品经营许可证新办", "T");

        Assert.Contains("理由：储存场所不符合安全条件", text, StringComparison.Ordinal);
    }
}
