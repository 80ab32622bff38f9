using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Case lifecycles over real HTTP. Run against an embedded silo and, for this named subset (lifecycle, restart,
/// concurrency), against PostgreSQL mode too.
/// </summary>
public abstract class CaseLifecycleScenarios(SiloFixture silo) : IDisposable
{
    protected const string StandardItem = "GZ-SCJG-002";      // 内资公司变更登记, market regulation (reviewer)
    protected const string HazchemItem = "GZ-YJGL-001";       // 危险化学品经营许可证新办, emergency management (reviewer2)

    protected SiloFixture Silo { get; } = silo;

    protected CaseWalker Walker { get; } = new(silo.BaseUrl);

    public void Dispose() => Walker.Dispose();

    [SkippableFact]
    public async Task StandardCaseWithTwoCorrectionRoundsRunsToPickup()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application(StandardItem));
        var id = CaseWalker.Id(opened);
        Assert.Equal("acceptance", CaseWalker.Stage(opened));
        Assert.Matches(@"^GZ-\d{8}-\d{6}$", opened["number"]!.GetValue<string>());

        var round1 = await Walker.ActAsync(id, "clerk", "request-correction", new
        {
            deficiencies = new object[] { new { materialCode = "change-resolution", problem = "缺少股东签字" }, new { problem = "申请表日期有误" } },
        });
        Assert.Equal("awaiting-correction", CaseWalker.Stage(round1));
        var afterApplicant = await Walker.ResubmitAsync(round1);
        Assert.Equal("acceptance", CaseWalker.Stage(afterApplicant));

        var round2 = await Walker.ActAsync(id, "clerk", "request-correction", new { deficiencies = new[] { new { problem = "章程修正案未盖章" } } });
        await Walker.ResubmitAsync(round2, clerk: "clerk");

        await Walker.ActAsync(id, "clerk", "accept", new { comment = "材料齐全" });
        await Walker.ActAsync(id, "reviewer", "pass", new { comment = "形式审查通过" });
        var approved = await Walker.ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        Assert.Equal("certificate", CaseWalker.Stage(approved));
        await Walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        var ready = await Walker.ActAsync(id, "clerk", "notify-pickup");
        Assert.Equal("pickup", CaseWalker.Stage(ready));
        var done = await Walker.ActAsync(id, "clerk", "picked-up", new { collector = "agent", by = "李四", idNumber = "11010519491231002X" });

        Assert.Equal("completed", CaseWalker.Status(done));
        Assert.Equal("closed", CaseWalker.Stage(done));
        Assert.Equal(2, done["correctionRounds"]!.GetValue<int>());
        Assert.Empty(done["availableActions"]!.AsArray());
        var documents = done["documents"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains("receipt", documents);
        Assert.Contains("correction-notice", documents);
        Assert.Contains("certificate", documents);
        CaseWalker.AssertJournalGapFree(done);
        Assert.Equal(11, done["journal"]!.AsArray().Count);
        Assert.Equal(11, CaseWalker.Version(done));
    }

    [SkippableFact]
    public async Task ARetriedActionWithTheSameIdempotencyKeyIsAppliedOnce()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        var clerk = await Walker.AsAsync("clerk");

        var first = await clerk.PostAsync($"/api/cases/{id}/actions/accept", new { }, idempotencyKey: "retry-accept-1");
        var retry = await clerk.PostAsync($"/api/cases/{id}/actions/accept", new { }, idempotencyKey: "retry-accept-1");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(2, CaseWalker.Version(retry.Json));
        var journal = (await Walker.GetAsync(id))["journal"]!.AsArray();
        Assert.Single(journal, e => e!["action"]!.GetValue<string>() == "accept");
    }

    [SkippableFact]
    public async Task ARetriedOpeningWithTheSameIdempotencyKeyOpensOneCase()
    {
        var clerk = await Walker.AsAsync("clerk");
        var key = "open-" + Guid.NewGuid().ToString("N");

        var first = await clerk.PostAsync("/api/cases", CaseWalker.Application(StandardItem), idempotencyKey: key);
        var retry = await clerk.PostAsync("/api/cases", CaseWalker.Application(StandardItem), idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal(first.Json["id"]!.GetValue<string>(), retry.Json["id"]!.GetValue<string>());
        Assert.Equal(first.Json["number"]!.GetValue<string>(), retry.Json["number"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ConcurrentConflictingActionsHaveOneWinnerPerVersion()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        var clerk = await Walker.AsAsync("clerk");

        // Accept and reject race on version 1; whichever lands first wins, the other finds the step gone.
        var attempts = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => i % 2 == 0
                ? clerk.PostAsync($"/api/cases/{id}/actions/accept", new { }, ifMatch: "\"1\"")
                : clerk.PostAsync($"/api/cases/{id}/actions/reject", new { reason = "重复申请" }, ifMatch: "\"1\"")));

        Assert.Equal(1, attempts.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(attempts.Where(a => a.Status != HttpStatusCode.OK),
            a => Assert.True(a.Status is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict, a.ToString()));
        var view = await Walker.GetAsync(id);
        Assert.Equal(2, CaseWalker.Version(view));
        CaseWalker.AssertJournalGapFree(view);
        Assert.Equal(2, view["journal"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task ASiloRestartInTheMiddleOfACaseLosesNothing()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "pass");
        var before = await Walker.GetAsync(id);

        await Silo.RestartAsync(kill: true);
        using var walker = new CaseWalker(Silo.BaseUrl);

        var after = await walker.GetAsync(id);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        await walker.ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        await walker.ActAsync(id, "clerk", "issue-certificate", new { form = "electronic" });
        var final = await walker.GetAsync(id);
        Assert.Equal("pickup", CaseWalker.Stage(final));
        CaseWalker.AssertJournalGapFree(final);
    }

    [SkippableFact]
    public async Task WithdrawalCancellationAndSuspensionAreJournaled()
    {
        var withdrawn = await Walker.OpenAsync(CaseWalker.Application(StandardItem));
        var reply = await Walker.Anonymous.PostAsync($"/api/track/{withdrawn["trackingCode"]!.GetValue<string>()}/actions/withdraw", new { reason = "不再需要" });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("withdrawn", CaseWalker.Status(reply.Json));

        var cancelled = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        Assert.Equal("cancelled", CaseWalker.Status(await Walker.ActAsync(cancelled, "clerk", "cancel", new { reason = "录入错误" })));
        var afterCancel = await (await Walker.AsAsync("clerk")).PostAsync($"/api/cases/{cancelled}/actions/accept", new { });
        Assert.Equal(HttpStatusCode.Conflict, afterCancel.Status);

        var suspended = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application(StandardItem)));
        await Walker.ActAsync(suspended, "clerk", "accept");
        Assert.Equal("suspended", CaseWalker.Status(await Walker.ActAsync(suspended, "reviewer", "suspend", new { reason = "等待司法鉴定结论" })));
        var blocked = await (await Walker.AsAsync("reviewer")).PostAsync($"/api/cases/{suspended}/actions/pass", new { });
        Assert.Equal(HttpStatusCode.Conflict, blocked.Status);
        Assert.Contains(blocked.Json["availableActions"]!.AsArray(), a => a!["name"]!.GetValue<string>() == "resume");
        Assert.Equal("open", CaseWalker.Status(await Walker.ActAsync(suspended, "reviewer", "resume")));
        var resumed = await Walker.ActAsync(suspended, "reviewer", "pass");
        Assert.Equal("back-office-review", CaseWalker.Stage(resumed));
        var actions = resumed["journal"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["open", "accept", "suspend", "resume", "pass"], actions);
    }
}

public sealed class EmbeddedCaseLifecycleTests(SiloFixture silo) : CaseLifecycleScenarios(silo), IClassFixture<SiloFixture>;

[Collection("postgres-api")]
public sealed class PostgresCaseLifecycleTests(PostgresSiloFixture silo) : CaseLifecycleScenarios(silo), IClassFixture<PostgresSiloFixture>;

[CollectionDefinition("postgres-api")]
public sealed class PostgresApiCollection;
