using System.Text.Json;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Storage;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>
/// A command asked for a minimal answer (<c>Prefer: return=minimal</c> at the API) is applied exactly as any other, and
/// answered with the case's headline (id, status, stage, version: the values the full view carries) instead of a view.
/// </summary>
public sealed class CaseMinimalAnswerTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task AMinimalAnswerIsTheHeadlineOfTheStateTheFullViewShows()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);

        var accepted = await grain.ActAsync(Command(ActionNames.Accept, Clerk, new { comment = "材料齐全" }) with { MinimalAnswer = true });

        Assert.Equal(CaseOutcome.Ok, accepted.Outcome);
        Assert.Null(accepted.Case);
        var view = await GetAsync(grain);
        Assert.Equal(new CaseHeadline(view.Id, view.Status, view.Stage, view.Version), accepted.Headline);
        Assert.Equal((2L, "formal-review"), (view.Version, view.Stage));
        Assert.Single(view.Journal, e => e.Action == ActionNames.Accept);
    }

    [Fact]
    public async Task WithoutTheAskTheAnswerIsTheFullViewAsBefore()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);

        var accepted = await grain.ActAsync(Command(ActionNames.Accept, Clerk));

        Assert.Null(accepted.Headline);
        Assert.Equal(Json(await GetAsync(grain)), Json(accepted.Case!));
    }

    [Fact]
    public async Task AReplayedKeyAnswersInTheShapeAskedForAndAppliesNothingAgain()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var accept = Command(ActionNames.Accept, Clerk, idempotencyKey: "minimal-once") with { MinimalAnswer = true };

        var first = await grain.ActAsync(accept);
        var minimalRetry = await grain.ActAsync(accept);
        var fullRetry = await grain.ActAsync(accept with { MinimalAnswer = false });

        Assert.Equal((false, true, true), (first.Replayed, minimalRetry.Replayed, fullRetry.Replayed));
        Assert.Equal(first.Headline, minimalRetry.Headline);
        Assert.Null(minimalRetry.Case);
        Assert.Equal(first.Headline!.Version, fullRetry.Case!.Version);
        Assert.Single((await GetAsync(grain)).Journal, e => e.Action == ActionNames.Accept);
    }

    [Fact]
    public async Task RefusalsAreTheSameWhateverTheAnswerAskedFor()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var approve = Command(ActionNames.Approve, Reviewer);
        var stale = Command(ActionNames.Accept, Clerk) with { ExpectedVersion = 7 };

        foreach (var command in new[] { approve, stale })
        {
            var plain = await grain.ActAsync(command);
            var minimal = await grain.ActAsync(command with { MinimalAnswer = true });

            Assert.NotEqual(CaseOutcome.Ok, plain.Outcome);
            Assert.Null(minimal.Headline);
            Assert.Equal(ResultJson(plain), ResultJson(minimal));
        }

        Assert.Equal(1, (await GetAsync(grain)).Version);
    }

    private static string ResultJson(CaseResult result) => JsonSerializer.Serialize(result, StableJsonGrainStorageSerializer.Options);
}
