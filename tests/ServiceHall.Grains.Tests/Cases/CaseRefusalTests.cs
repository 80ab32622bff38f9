using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>A refused command is an answer naming why (and which field), and leaves the case exactly as it was.</summary>
public sealed class CaseRefusalTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task OnlyAClerkOfTheCasesHallMayAccept()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);

        var applicant = await RefusedAsync(grain, Command(ActionNames.Accept, CaseActor.Applicant(opened.TrackingCode!)));
        var reviewer = await RefusedAsync(grain, Command(ActionNames.Accept, Reviewer));
        var otherHall = await RefusedAsync(grain, Command(ActionNames.Accept, OtherHallClerk));

        Assert.Equal((CaseOutcome.Forbidden, "role"), (applicant.Outcome, applicant.Field));
        Assert.Equal((CaseOutcome.Forbidden, "role"), (reviewer.Outcome, reviewer.Field));
        Assert.Equal((CaseOutcome.Forbidden, "scope"), (otherHall.Outcome, otherHall.Field));
    }

    [Fact]
    public async Task NoStaffOutsideTheCaseMayAnswerACorrectionNoticeWhichNamesNoHall()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.RequestCorrection, new { deficiencies = new[] { new { materialCode = "change-resolution", problem = "缺少签字" } } });
        var answers = new { answers = new[] { new { deficiencyId = "r1-d1" } } };

        var otherHall = await RefusedAsync(grain, Command(ActionNames.Resubmit, OtherHallClerk, answers));
        var noHall = await RefusedAsync(grain, Command(ActionNames.Resubmit, Clerk with { Hall = null }, answers));
        var otherApplicant = await RefusedAsync(grain, Command(ActionNames.Resubmit, CaseActor.Applicant("ZZZZZZZZZZZZZZZZ"), answers));

        Assert.Equal((CaseOutcome.Forbidden, "scope", null), (otherHall.Outcome, otherHall.Field, otherHall.Case));
        Assert.Equal((CaseOutcome.Forbidden, "scope", null), (noHall.Outcome, noHall.Field, noHall.Case));
        Assert.Equal((CaseOutcome.NotFound, null), (otherApplicant.Outcome, otherApplicant.Case));
    }

    [Fact]
    public async Task AReviewerOfAnotherDepartmentMayNotApprove()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await ActAsync(grain, Reviewer, ActionNames.Pass);

        var refused = await RefusedAsync(grain, Command(ActionNames.Approve, OtherDepartmentReviewer, new { opinion = "越权" }));

        Assert.Equal((CaseOutcome.Forbidden, "scope"), (refused.Outcome, refused.Field));
    }

    [Fact]
    public async Task AStaleIfMatchIsAPreconditionFailure()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);

        var stale = await RefusedAsync(grain, Command(ActionNames.Pass, Reviewer, expectedVersion: 1));

        Assert.Equal((CaseOutcome.PreconditionFailed, "If-Match"), (stale.Outcome, stale.Field));
    }

    [Fact]
    public async Task AMissingListItemIsRefusedByItsIndex()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);

        // A body that is no object at all is now the API's refusal (BadInputTests); the typed input still carries a
        // null item through to the activity, which names it.
        var refused = await RefusedAsync(grain, Command(ActionNames.RequestCorrection, Clerk,
            new CaseActionInput { Deficiencies = [new DeficiencyInput { Problem = "缺少签字" }, null] }));

        Assert.Equal((CaseOutcome.Invalid, "deficiencies[1]"), (refused.Outcome, refused.Field));
    }

    [Fact]
    public async Task ACorrectionRequestWithoutDeficienciesIsInvalidAndNamesTheField()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);

        var missing = await RefusedAsync(grain, Command(ActionNames.RequestCorrection, Clerk));
        var empty = await RefusedAsync(grain, Command(ActionNames.RequestCorrection, Clerk, new { deficiencies = Array.Empty<object>() }));
        var noProblem = await RefusedAsync(grain, Command(ActionNames.RequestCorrection, Clerk, new { deficiencies = new[] { new { materialCode = "change-resolution" } } }));

        Assert.Equal((CaseOutcome.Invalid, "deficiencies"), (missing.Outcome, missing.Field));
        Assert.Equal((CaseOutcome.Invalid, "deficiencies"), (empty.Outcome, empty.Field));
        Assert.Equal((CaseOutcome.Invalid, "deficiencies[0].problem"), (noProblem.Outcome, noProblem.Field));
    }

    /// <summary>Sends a command that must be refused and checks the case did not move: same JSON, same version.</summary>
    private static async Task<CaseResult> RefusedAsync(ICaseGrain grain, CaseActionCommand command)
    {
        var before = await GetAsync(grain);

        var result = await grain.ActAsync(command);

        Assert.False(result.Succeeded, $"{command.Actor.Id} {command.Action} should be refused: {Describe(result)}");
        Assert.Null(result.Case);
        var after = await GetAsync(grain);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Json(before), Json(after));
        return result;
    }
}
