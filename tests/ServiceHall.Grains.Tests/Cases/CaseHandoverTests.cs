using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// Issue 22 item 4: approving needs a written opinion, handing over needs who collected and a checked ID; both are
/// stored, journaled (the ID masked) and shown; a correction round keeps its deficiencies and the answers to them.
/// </summary>
public sealed class CaseHandoverTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private const string AgentId = "440106199003071231";

    [Fact]
    public async Task ApprovingWithoutAnOpinionIsRefusedOnItsFieldAndChangesNothing()
    {
        var grain = await AtReviewAsync();

        var missing = await RefusedAsync(grain, Command(ActionNames.Approve, Reviewer, new { opinion = "  " }));
        var tooLong = await RefusedAsync(grain, Command(ActionNames.Approve, Reviewer, new { opinion = new string('意', 501) }));

        Assert.Equal((CaseOutcome.Unprocessable, "opinion"), (missing.Outcome, missing.Field));
        Assert.Equal((CaseOutcome.Unprocessable, "opinion"), (tooLong.Outcome, tooLong.Field));
        var approved = await ActAsync(grain, Reviewer, ActionNames.Approve, new { opinion = "材料齐全，符合条件" });
        var opinion = Assert.Single(approved.Opinions);
        Assert.Equal(("材料齐全，符合条件", "market-regulation", "reviewer"), (opinion.Opinion, opinion.Department, opinion.By));
        Assert.Equal("材料齐全，符合条件", approved.Journal.Single(e => e.Action == ActionNames.Approve).Args["opinion"]);
    }

    [Theory]
    [InlineData("agent", "李四", "resident", "440106199003071235", "idNumber")] // wrong check digit
    [InlineData("agent", "李四", "resident", "4401061990030712", "idNumber")] // too short
    [InlineData("applicant", null, "resident", AgentId, "idNumber")] // valid, but not the applicant's
    [InlineData("agent", null, "resident", AgentId, "by")] // an agent must be named
    [InlineData(null, "李四", "resident", AgentId, "collector")]
    [InlineData("agent", "李四", "passport", AgentId, "idType")]
    [InlineData("agent", "李四", "other", "E1", "idNumber")]
    [InlineData("agent", "李四", "resident", null, "idNumber")]
    public async Task APickupWithABadCollectorOrIdIsRefusedOnItsFieldAndChangesNothing(
        string? collector, string? by, string idType, string? idNumber, string field)
    {
        var grain = await AtPickupAsync();

        var refused = await RefusedAsync(grain, Command(ActionNames.PickedUp, Clerk, new { collector, by, idType, idNumber }));

        Assert.Equal((CaseOutcome.Unprocessable, field), (refused.Outcome, refused.Field));
    }

    [Fact]
    public async Task APickupStoresTheCollectorShowsTheIdMaskedAndIsIdempotent()
    {
        var grain = await AtPickupAsync();
        var command = Command(ActionNames.PickedUp, Clerk, new { collector = "agent", by = "李四", idNumber = AgentId }, idempotencyKey: "pickup-1");

        var first = await grain.ActAsync(command);
        var retried = await grain.ActAsync(command);

        Assert.Equal(CaseOutcome.Ok, first.Outcome);
        Assert.Equal((first.Case!.Version, CaseStatuses.Completed), (retried.Case!.Version, retried.Case.Status));
        var collection = first.Case.Collection!;
        Assert.Equal(("agent", "李四", "resident", "440106********1231", "clerk"),
            (collection.Collector, collection.Name, collection.IdType, collection.IdNumber, collection.HandedOverBy));
        var entry = first.Case.Journal.Single(e => e.Action == ActionNames.PickedUp);
        Assert.Equal(("李四", "agent", "440106********1231"), (entry.Args["by"], entry.Args["collector"], entry.Args["idNumber"]));
        Assert.DoesNotContain(first.Case.Journal, e => e.Args.Values.Any(v => v.Contains(AgentId, StringComparison.Ordinal)));

        // A fresh activation reads the same; the applicant's tracker masks the collector's name too.
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.Equal(Json(first.Case), Json(await GetAsync(grain)));
        var tracked = (await grain.TrackAsync(first.Case.TrackingCode!)).Case!;
        Assert.Equal(("李*", null), (tracked.Collection!.Name, tracked.Collection.HandedOverBy));
    }

    [Fact]
    public async Task TheApplicantInPersonIsRecordedUnderTheirOwnName()
    {
        var grain = await AtPickupAsync();

        var done = await ActAsync(grain, Clerk, ActionNames.PickedUp, new { collector = "applicant", idNumber = ApplicantIdNumber.ToLowerInvariant() });

        Assert.Equal(("applicant", ApplicantName), (done.Collection!.Collector, done.Collection.Name));
    }

    [Fact]
    public async Task EachCorrectionRoundShowsItsDeficienciesAndTheAnswers()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var awaiting = await ActAsync(grain, Clerk, ActionNames.RequestCorrection,
            new { deficiencies = new object[] { new { materialCode = "change-resolution", problem = "缺少股东签字" }, new { problem = "申请表日期有误" } } });
        var ids = awaiting.OpenSteps.Single().Data.Deficiencies!.Select(d => d.Id).ToList();
        Assert.Equal(2, Assert.Single(awaiting.Corrections).Deficiencies.Count);
        Assert.Null(awaiting.Corrections[0].AnsweredAt);

        var resubmitted = await ActAsync(grain, Clerk, ActionNames.Resubmit,
            new { answers = new object[] { new { deficiencyId = ids[0], note = "已补签字" }, new { deficiencyId = ids[1] } } });

        var round = Assert.Single(resubmitted.Corrections);
        Assert.Equal((1, "缺少股东签字", "change-resolution"), (round.Round, round.Deficiencies[0].Problem, round.Deficiencies[0].MaterialCode));
        Assert.Equal(("已补签字", "", "clerk"), (round.Answers[ids[0]], round.Answers[ids[1]], round.AnsweredByRole));
        Assert.NotNull(round.AnsweredAt);
    }

    private async Task<ICaseGrain> AtReviewAsync()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await ActAsync(grain, Clerk, ActionNames.Accept);
        await ActAsync(grain, Reviewer, ActionNames.Pass);
        return grain;
    }

    private async Task<ICaseGrain> AtPickupAsync()
    {
        var grain = await AtReviewAsync();
        await ActAsync(grain, Reviewer, ActionNames.Approve, new { opinion = "符合条件" });
        await ActAsync(grain, Clerk, ActionNames.IssueCertificate, new { form = "paper" });
        await ActAsync(grain, Clerk, ActionNames.NotifyPickup);
        return grain;
    }

    private static async Task<CaseResult> RefusedAsync(ICaseGrain grain, CaseActionCommand command)
    {
        var before = await GetAsync(grain);
        var result = await grain.ActAsync(command);
        Assert.False(result.Succeeded, $"{command.Action} should be refused: {Describe(result)}");
        Assert.Equal(Json(before), Json(await GetAsync(grain)));
        return result;
    }
}
