using System.Net;

namespace ServiceHall.Api.Tests;

/// <summary>The SMS outbox and the enquiry log over HTTP.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class NotificationsAndConsultationsTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task TheApplicantIsTextedForACorrectionAndWhenTheCertificateIsReady()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        var waiting = await _walker.ActAsync(id, "clerk", "request-correction", new { deficiencies = new[] { new { problem = "缺少股东签字" } } });
        await _walker.ResubmitAsync(waiting, clerk: "clerk");
        await _walker.ActAsync(id, "clerk", "accept");
        await _walker.ActAsync(id, "reviewer", "pass");
        await _walker.ActAsync(id, "reviewer", "approve", new { opinion = "同意" });
        await _walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        var ready = await _walker.ActAsync(id, "clerk", "notify-pickup");

        // The answer comes once the write is durable; the gateway takes the notice just after.
        Assert.Equal(1, ready["messagesPending"]!.GetValue<int>());
        var messages = await _walker.MessagesOfAsync(id);
        Assert.Contains(messages, m => m["template"]!.GetValue<string>() == "correction-requested" && m["to"]!.GetValue<string>() == "13800138000");
        Assert.Contains(messages, m => m["template"]!.GetValue<string>() == "ready-for-pickup" && m["text"]!.GetValue<string>().Contains("领取"));
        Assert.Equal(messages.Count, messages.Select(m => m["id"]!.GetValue<string>()).Distinct().Count());

        var clerkOutbox = await (await _walker.AsAsync("clerk")).GetAsync("/api/outbox");
        Assert.Equal(HttpStatusCode.Forbidden, clerkOutbox.Status);
    }

    [Fact]
    public async Task MailingRecordsTheEmsWaybillOnTheCase()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002", delivery: new { method = "ems", address = "广州市天河区体育西路1号" })));
        await _walker.ActAsync(id, "clerk", "accept");
        await _walker.ActAsync(id, "reviewer", "pass");
        await _walker.ActAsync(id, "reviewer", "approve", new { opinion = "同意" });
        await _walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });

        var mailed = await _walker.ActAsync(id, "clerk", "mailed", new { emsTrackingNo = "EA123456789CN" });

        Assert.Equal("EA123456789CN", mailed["emsTrackingNumber"]!.GetValue<string>());
        Assert.Equal("completed", CaseWalker.Status(mailed));
    }

    [Fact]
    public async Task EnquiriesAreCountedPerWindowOnceEvenWhenRetried()
    {
        var clerk = await _walker.AsAsync("clerk");
        var topic = "enquiry-" + Guid.NewGuid().ToString("N")[..6];
        var first = await clerk.PostAsync("/api/consultations", new { channel = "window", serviceItemCode = "GZ-SCJG-001", outcome = "answered", topic }, idempotencyKey: topic);
        var retry = await clerk.PostAsync("/api/consultations", new { channel = "window", serviceItemCode = "GZ-SCJG-001", outcome = "answered", topic }, idempotencyKey: topic);
        await clerk.PostAsync("/api/consultations", new { channel = "phone", outcome = "referred" });
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Json["id"]!.GetValue<string>(), retry.Json["id"]!.GetValue<string>());

        var counts = await (await _walker.AsAsync("manager")).GetAsync("/api/stats/consultations");
        Assert.Equal(HttpStatusCode.OK, counts.Status);
        var rows = counts.Json.AsArray();
        var answered = rows.Where(r => r!["window"]!.GetValue<string>() == "general-1" && r["channel"]!.GetValue<string>() == "window" && r["outcome"]!.GetValue<string>() == "answered").Sum(r => r!["count"]!.GetValue<int>());
        Assert.True(answered >= 1);

        var bad = await clerk.PostAsync("/api/consultations", new { channel = "fax", outcome = "answered" });
        Assert.Equal((HttpStatusCode.BadRequest, "channel"), (bad.Status, bad.Field));
        var asReviewer = await (await _walker.AsAsync("reviewer")).PostAsync("/api/consultations", new { channel = "window", outcome = "answered" });
        Assert.Equal(HttpStatusCode.Forbidden, asReviewer.Status);
    }
}
