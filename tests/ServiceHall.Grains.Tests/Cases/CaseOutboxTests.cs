using ServiceHall.Grains.Cases;
using ServiceHall.TestSupport;
using ServiceHall.Workflows.Interpreter;
using static ServiceHall.Grains.Tests.Cases.CaseScenario;

namespace ServiceHall.Grains.Tests.Cases;

/// <summary>Each message reaches the recipient once, whatever the gateway or the silo does in between.</summary>
public sealed class CaseOutboxTests(CaseClusterFixture cluster) : IClassFixture<CaseClusterFixture>
{
    [Fact]
    public async Task ACorrectionNoticeTextsTheApplicantWithEveryDeficiencyCounted()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);

        var waiting = await ActAsync(grain, Clerk, ActionNames.RequestCorrection, new
        {
            deficiencies = new object[] { new { problem = "缺少股东签字" }, new { problem = "章程未盖章" } },
        });

        // Answered once the notice is durable in the case's write; the gateway gets it in the grain's next turn.
        Assert.Equal((0, 1), (waiting.MessagesSent, waiting.MessagesPending));
        var sent = await SettledAsync(grain);
        var message = Assert.Single(cluster.Sms.DeliveredFor(opened.Id));
        Assert.Equal(opened.Applicant.Phone, message.To);
        Assert.Equal("correction-requested", message.Template);
        Assert.Contains("补正材料2项", message.Text);
        Assert.Contains(opened.Number, message.Text);
        Assert.Equal((1, 0), (sent.MessagesSent, sent.MessagesPending));
    }

    [Fact]
    public async Task AGatewayThatDoesNotAnswerDoesNotHoldTheCommandThatQueuedTheMessage()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        cluster.Sms.Hold();
        try
        {
            var command = ActAsync(grain, Clerk, ActionNames.RequestCorrection, new { deficiencies = new[] { new { problem = "缺少营业执照副本" } } });
            var answered = await Task.WhenAny(command, Task.Delay(Eventually.Patience)) == command;

            Assert.True(answered, "the command waited for the SMS gateway");
            Assert.Equal((CaseStatuses.Open, 1), ((await command).Status, (await command).MessagesPending));
            Assert.Empty(cluster.Sms.DeliveredFor(opened.Id));
        }
        finally
        {
            cluster.Sms.Release();
        }

        var sent = await SettledAsync(grain);
        Assert.Single(cluster.Sms.DeliveredFor(opened.Id));
        Assert.Equal((1, 0), (sent.MessagesSent, sent.MessagesPending));
    }

    [Fact]
    public async Task AGatewayThatFailsSeveralTimesStillDeliversEachMessageOnce()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        cluster.Sms.FailNext(3);

        var waiting = await ActAsync(grain, Clerk, ActionNames.RequestCorrection, new { deficiencies = new[] { new { problem = "缺页" } } });
        Assert.Equal(1, waiting.MessagesPending);

        CaseView view = waiting;
        for (var attempt = 0; attempt < 10 && view.MessagesPending > 0; attempt++)
        {
            // Each activation retries what is still queued; the retry timer may add attempts of its own.
            await cluster.Cluster.DeactivateAsync(grain);
            view = await GetAsync(grain);
        }

        var delivered = Assert.Single(cluster.Sms.Delivered.Values, m => m.CaseId == opened.Id);
        Assert.True(cluster.Sms.AttemptsFor(delivered.Id) >= 4, $"{cluster.Sms.AttemptsFor(delivered.Id)} attempts");
        Assert.Equal((1, 0), (view.MessagesSent, view.MessagesPending));
    }

    [Fact]
    public async Task ALostAcknowledgementIsResentAndKeptOnceByTheGateway()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        cluster.Sms.LoseNextAcknowledgement();

        var waiting = await ActAsync(grain, Clerk, ActionNames.RequestCorrection, new { deficiencies = new[] { new { problem = "照片不合格" } } });
        Assert.Equal(1, waiting.MessagesPending);
        var id = (await Eventually.UntilAsync(() => Task.FromResult(cluster.Sms.DeliveredFor(opened.Id)), m => m.Count > 0, "the gateway receives the notice"))
            .Single().Id;

        await cluster.Cluster.DeactivateAsync(grain);
        var after = await GetAsync(grain);

        Assert.Equal(2, cluster.Sms.AttemptsFor(id));
        Assert.Single(cluster.Sms.Delivered.Values, m => m.CaseId == opened.Id);
        Assert.Equal((1, 0), (after.MessagesSent, after.MessagesPending));
    }

    [Fact]
    public async Task AMessageQueuedWhenTheSiloStopsIsSentAfterTheRestart()
    {
        var grain = cluster.NewCase();
        var opened = await OpenAsync(grain);
        cluster.Sms.FailNext(1000);
        await ActAsync(grain, Clerk, ActionNames.RequestCorrection, new { deficiencies = new[] { new { problem = "缺少委托书" } } });
        Assert.DoesNotContain(cluster.Sms.Delivered.Values, m => m.CaseId == opened.Id);

        await cluster.RestartAsync(() => cluster.Sms.FailNext(0));
        var after = await GetAsync(cluster.Case(opened.Id));

        Assert.Single(cluster.Sms.Delivered.Values, m => m.CaseId == opened.Id);
        Assert.Equal((1, 0), (after.MessagesSent, after.MessagesPending));
    }

    /// <summary>The case once the messages it queued left its outbox (the gateway took them).</summary>
    private static Task<CaseView> SettledAsync(ICaseGrain grain) =>
        Eventually.UntilAsync(() => GetAsync(grain), view => view.MessagesPending == 0, "the queued messages reach the gateway",
            describe: view => $"{view.MessagesPending} pending");
}
