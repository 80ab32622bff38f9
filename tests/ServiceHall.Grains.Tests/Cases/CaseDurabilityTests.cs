using ServiceHall.Grains.Cases;
using ServiceHall.TestSupport;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>What a case shows comes from its stored row: a fresh activation or a restarted silo shows the same case.</summary>
public sealed class CaseDurabilityTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task ACaseReadsBackIdenticallyAfterDeactivationAndRunsToTheEnd()
    {
        var grain = cluster.NewCase();
        await OpenAsync(grain);
        var awaiting = await ActAsync(grain, Clerk, ActionNames.RequestCorrection,
            new { deficiencies = new object[] { new { materialCode = "change-resolution", problem = "缺少股东签字" }, new { problem = "申请表日期有误" } } });
        Assert.Equal("awaiting-correction", awaiting.Stage);

        // The correction notice's deficiency ids live in the open step's data: they must survive the reload too.
        await AssertSameAfterDeactivationAsync(grain, awaiting, Clerk);
        await ActAsync(grain, Clerk, ActionNames.Resubmit, ResubmitPayload(awaiting));
        await ActAsync(grain, Clerk, ActionNames.Accept);
        var reviewing = await ActAsync(grain, Reviewer, ActionNames.Pass);
        Assert.Equal("back-office-review", reviewing.Stage);

        await AssertSameAfterDeactivationAsync(grain, reviewing, Reviewer);
        var done = await FinishAsync(grain);

        Assert.Equal((CaseStatuses.Completed, "closed", 9L, 1), (done.Status, done.Stage, done.Version, done.CorrectionRounds));
        AssertJournalGapFree(done);
    }

    [Fact]
    public async Task ACaseSurvivesAFullClusterRestartOnTheSameDataFolder()
    {
        var id = CaseIds.NewCaseId();
        await OpenAsync(cluster.Case(id));
        await ActAsync(cluster.Case(id), Clerk, ActionNames.Accept);
        var reviewing = await ActAsync(cluster.Case(id), Reviewer, ActionNames.Pass);

        await cluster.RestartAsync();

        // A new silo, a new client: the grain reference is taken again from the restarted cluster.
        Assert.Equal(Json(reviewing), Json(await GetAsync(cluster.Case(id), Reviewer)));
        var done = await FinishAsync(cluster.Case(id));
        Assert.Equal((CaseStatuses.Completed, "closed", 7L), (done.Status, done.Stage, done.Version));
        AssertJournalGapFree(done);
    }

    /// <summary>The view <paramref name="viewer"/> got from their action is the one they read after a reload.</summary>
    private async Task AssertSameAfterDeactivationAsync(ICaseGrain grain, CaseView answered, CaseActor viewer)
    {
        // The answer was given at the write; the messages that write queued reach the gateway just after. Compare the
        // case as its activation holds it once they have (their sent marks are saved when the activation goes).
        var before = await Eventually.UntilAsync(() => GetAsync(grain, viewer), view => view.MessagesPending == 0,
            "the queued messages reach the gateway", describe: view => $"{view.MessagesPending} pending");
        Assert.Equal(answered.Version, before.Version);
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.Equal(Json(before), Json(await GetAsync(grain, viewer)));
    }

    /// <summary>From the department's review to the certificate collected at the window.</summary>
    private static async Task<CaseView> FinishAsync(ICaseGrain grain)
    {
        await ActAsync(grain, Reviewer, ActionNames.Approve, new { opinion = "符合条件" });
        await ActAsync(grain, Clerk, ActionNames.IssueCertificate, new { form = "paper" });
        await ActAsync(grain, Clerk, ActionNames.NotifyPickup);
        return await ActAsync(grain, Clerk, ActionNames.PickedUp, new { collector = "agent", by = "李四", idNumber = "11010519491231002X" });
    }
}
