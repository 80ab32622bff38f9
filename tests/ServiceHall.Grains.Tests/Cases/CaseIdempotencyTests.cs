using ServiceHall.Grains.Cases;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>A retried command (same <c>Idempotency-Key</c>) is answered again, never applied twice.</summary>
public sealed class CaseIdempotencyTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task ARetriedActionIsReplayedAndAppliedOnlyOnce()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var accept = Command(ActionNames.Accept, Clerk, new { comment = "材料齐全" }, idempotencyKey: "accept-once");

        var first = await grain.ActAsync(accept);
        var retry = await grain.ActAsync(accept);

        Assert.Equal((CaseOutcome.Ok, false, 2L), (first.Outcome, first.Replayed, first.Case!.Version));
        Assert.Equal((CaseOutcome.Ok, true, 2L), (retry.Outcome, retry.Replayed, retry.Case!.Version));
        var stored = await GetAsync(grain);
        Assert.Equal(2, stored.Version);
        Assert.Single(stored.Journal, e => e.Action == ActionNames.Accept);
        Assert.Equal("formal-review", stored.Stage);
        AssertJournalGapFree(stored);
    }

    [Fact]
    public async Task TheKeysAreRememberedAcrossAnActivation()
    {
        // A client usually retries because the silo went away: the remembered keys must come back from storage.
        var grain = cluster.Case(CaseIds.ForIdempotentOpen(Clerk.Id, "open-before-deactivation"));
        var opened = await grain.OpenAsync(Application("open-before-deactivation"));
        var accept = Command(ActionNames.Accept, Clerk, idempotencyKey: "accept-before-deactivation");
        await grain.ActAsync(accept);

        await cluster.Cluster.DeactivateAsync(grain);
        var reopen = await grain.OpenAsync(Application("open-before-deactivation"));
        var retry = await grain.ActAsync(accept);

        Assert.Equal((CaseOutcome.Created, true, opened.Case!.Number), (reopen.Outcome, reopen.Replayed, reopen.Case!.Number));
        Assert.Equal((CaseOutcome.Ok, true, 2L), (retry.Outcome, retry.Replayed, retry.Case!.Version));
        Assert.Single((await GetAsync(grain)).Journal, e => e.Action == ActionNames.Accept);
    }

    [Fact]
    public async Task AKeyReusedForAnotherActionIsRefusedAndChangesNothing()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        await grain.ActAsync(Command(ActionNames.Accept, Clerk, idempotencyKey: "shared-key"));
        var before = Json(await GetAsync(grain));

        var reused = await grain.ActAsync(Command(ActionNames.Pass, Clerk, idempotencyKey: "shared-key"));

        Assert.Equal((CaseOutcome.Unprocessable, "Idempotency-Key"), (reused.Outcome, reused.Field));
        Assert.False(reused.Replayed);
        Assert.Equal(before, Json(await GetAsync(grain)));

        // Keys belong to their caller: the same key from someone else is their own new request, not the clerk's.
        var someoneElse = await grain.ActAsync(Command(ActionNames.Pass, Reviewer, idempotencyKey: "shared-key"));
        Assert.Equal((CaseOutcome.Ok, false, ActionNames.Pass), (someoneElse.Outcome, someoneElse.Replayed, someoneElse.Case!.Journal[^1].Action));
    }

    [Fact]
    public async Task ARetriedOpeningReturnsTheSameCaseMarkedAsReplayed()
    {
        // The API routes a keyed opening to the grain the key names, so the retry reaches the case it opened.
        var grain = cluster.Case(CaseIds.ForIdempotentOpen(Clerk.Id, "open-once"));

        var first = await grain.OpenAsync(Application("open-once"));
        var retry = await grain.OpenAsync(Application("open-once"));

        Assert.Equal((CaseOutcome.Created, false), (first.Outcome, first.Replayed));
        Assert.Equal((CaseOutcome.Created, true), (retry.Outcome, retry.Replayed));
        Assert.Equal(first.Case!.Number, retry.Case!.Number);
        Assert.Equal(Json(first.Case), Json(retry.Case));
        Assert.Single((await GetAsync(grain)).Journal);
    }

    [Fact]
    public async Task ConcurrentRetriesOfAnOpeningOpenOneCase()
    {
        var grain = cluster.Case(CaseIds.ForIdempotentOpen(Clerk.Id, "open-racing"));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => grain.OpenAsync(Application("open-racing"))));

        Assert.All(results, r => Assert.Equal(CaseOutcome.Created, r.Outcome));
        Assert.Single(results, r => !r.Replayed);
        Assert.Single(results.Select(r => r.Case!.Number).Distinct());
        Assert.Equal(1, (await GetAsync(grain)).Version);
    }

    [Fact]
    public async Task OpeningAnOpenedCaseWithoutItsKeyIsAConflict()
    {
        var grain = cluster.Case(CaseIds.ForIdempotentOpen(Clerk.Id, "open-then-other"));
        await grain.OpenAsync(Application("open-then-other"));

        var other = await grain.OpenAsync(Application("another-key"));

        Assert.Equal(CaseOutcome.Conflict, other.Outcome);
        Assert.Equal(1, (await GetAsync(grain)).Version);
    }
}
