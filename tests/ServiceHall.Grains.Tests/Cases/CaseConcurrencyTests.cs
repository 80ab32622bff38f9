using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>Commands racing for the same step: the grain takes one at a time, so exactly one wins.</summary>
public sealed class CaseConcurrencyTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    private const int Racers = 8;

    [Fact]
    public async Task OfConflictingActionsOnTheSameVersionExactlyOneIsApplied()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);

        var results = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i => grain.ActAsync(i % 2 == 0
            ? Command(ActionNames.Accept, Clerk, expectedVersion: 1)
            : Command(ActionNames.Reject, Clerk, new { reason = "重复申请" }, expectedVersion: 1))));

        var winner = Assert.Single(results, r => r.Outcome == CaseOutcome.Ok);
        // Every loser named version 1, which the winner moved on: the version check answers before the step check.
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(CaseOutcome.PreconditionFailed, r.Outcome));
        var stored = await GetAsync(grain);
        Assert.Equal(2, stored.Version);
        Assert.Equal(["open", winner.Case!.Journal[^1].Action], stored.Journal.Select(e => e.Action));
        Assert.Contains(stored.Journal[^1].Action, new[] { ActionNames.Accept, ActionNames.Reject });
        AssertJournalGapFree(stored);
    }

    [Fact]
    public async Task OfRacingAcceptsWithoutIfMatchOneWinsAndTheRestFindTheStepGone()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);

        var results = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => grain.ActAsync(Command(ActionNames.Accept, Clerk))));

        Assert.Single(results, r => r.Outcome == CaseOutcome.Ok);
        Assert.Equal(Racers - 1, results.Count(r => r.Outcome == CaseOutcome.Conflict));
        var stored = await GetAsync(grain);
        Assert.Equal((2L, "formal-review"), (stored.Version, stored.Stage));
        Assert.Equal(["open", ActionNames.Accept], stored.Journal.Select(e => e.Action));
        AssertJournalGapFree(stored);
    }
}
