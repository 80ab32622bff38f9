using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>The applicant's tracker: the tracking code is the only key, so personal data is masked.</summary>
public sealed class CaseTrackingTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task TheRightCodeShowsTheCaseWithTheApplicantMasked()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);

        var tracked = await grain.TrackAsync(opened.TrackingCode!);

        Assert.Equal(CaseOutcome.Ok, tracked.Outcome);
        var view = tracked.Case!;
        Assert.Equal((opened.Id, opened.Number, opened.Version), (view.Id, view.Number, view.Version));
        Assert.Equal(("张*丰", "110105********002X", "138****8000"),
            (view.Applicant.Name, view.Applicant.IdNumber, view.Applicant.Phone));
        // The workflow's internal steps stay internal; the applicant sees only the actions an applicant may take.
        Assert.NotEmpty(opened.Journal[0].Steps);
        Assert.Empty(Assert.Single(view.Journal).Steps);
        Assert.All(view.AvailableActions, a => Assert.Equal(Roles.Applicant, a.Role));
    }

    [Fact]
    public async Task AWrongCodeIsNotFound()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        var wrong = opened.TrackingCode![..^1] + (opened.TrackingCode[^1] == '2' ? '3' : '2');

        Assert.Equal(CaseOutcome.NotFound, (await grain.TrackAsync(wrong)).Outcome);
        Assert.Equal(CaseOutcome.NotFound, (await grain.TrackAsync("")).Outcome);
        Assert.Equal(CaseOutcome.NotFound, (await cluster.NewCase().TrackAsync(opened.TrackingCode)).Outcome);
    }
}
