using System.Net;

namespace ServiceHall.Api.Tests;

/// <summary>The shipped workflows end to end over HTTP, beyond the standard lifecycle.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class ShippedWorkflowTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task RejectionAtAcceptanceEndsWithARejectionNotice()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        var rejected = await _walker.ActAsync(id, "clerk", "reject", new { reason = "不属于本中心受理范围" });

        Assert.Equal("rejected", CaseWalker.Status(rejected));
        Assert.Equal("closed", CaseWalker.Stage(rejected));
        Assert.Contains("rejection-notice", rejected["documents"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(("step", "不属于本中心受理范围"), (rejected["journal"]![1]!["kind"]!.GetValue<string>(), rejected["journal"]![1]!["args"]!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DenialAtBackOfficeReviewEndsTheCase()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-YJGL-001")));
        await _walker.ActAsync(id, "clerk", "accept");
        await _walker.ActAsync(id, "reviewer2", "pass");

        var denied = await _walker.ActAsync(id, "reviewer2", "deny", new { reason = "储存场所不符合安全条件" });

        Assert.Equal("denied", CaseWalker.Status(denied));
        Assert.Equal("closed", CaseWalker.Stage(denied));
        CaseWalker.AssertJournalGapFree(denied);
    }

    [Fact]
    public async Task InstantChannelIsAcceptedReviewedAndIssuedOnTheSpot()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-001", channel: "instant", window: "instant", delivery: new { method = "electronic" }));
        var id = CaseWalker.Id(opened);
        Assert.Equal("servicehall-instant", opened["workflow"]!["definitionId"]!.GetValue<string>());
        var due = opened["sla"]!["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromMinutes(60), due - opened["openedAt"]!.GetValue<DateTimeOffset>());

        await _walker.ActAsync(id, "clerk", "accept");
        var done = await _walker.ActAsync(id, "clerk", "pass");

        Assert.Equal("completed", CaseWalker.Status(done));
        Assert.Contains("certificate", done["documents"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task CrossCityCaseIsAcceptedInGuangzhouAndReviewedByQingyuan()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-101", channel: "cross-city", window: "gz-qy"));
        var id = CaseWalker.Id(opened);
        Assert.Equal(["qy-market-regulation"], opened["reviewDepartments"]!.AsArray().Select(d => d!.GetValue<string>()));

        await _walker.ActAsync(id, "clerk", "accept");
        var guangzhouReviewer = await (await _walker.AsAsync("reviewer")).PostAsync($"/api/cases/{id}/actions/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, guangzhouReviewer.Status);
        await _walker.ActAsync(id, "qy-reviewer", "approve", new { opinion = "同意" });
        await _walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        var done = await _walker.ActAsync(id, "clerk", "picked-up", new { collector = "agent", by = "李四", idNumber = "11010519491231002X" });

        Assert.Equal("completed", CaseWalker.Status(done));
        var reviewEntry = done["journal"]!.AsArray().Single(e => e!["action"]!.GetValue<string>() == "approve")!;
        Assert.Equal("qy-reviewer", reviewEntry["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACrossCityCertificateIsCollectedAtTheHallTheApplicantChose()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-101", channel: "cross-city", window: "gz-qy", delivery: new { method = "window", hall = "qy" }));
        var id = CaseWalker.Id(opened);
        await _walker.ActAsync(id, "clerk", "accept");
        await _walker.ActAsync(id, "qy-reviewer", "approve", new { opinion = "同意" });

        var guangzhouClerk = await (await _walker.AsAsync("clerk")).PostAsync($"/api/cases/{id}/actions/issue-certificate", new { form = "paper" });
        Assert.Equal(HttpStatusCode.Forbidden, guangzhouClerk.Status);
        await _walker.ActAsync(id, "qy-clerk", "issue-certificate", new { form = "paper" });
        var done = await _walker.ActAsync(id, "qy-clerk", "picked-up", new { collector = "agent", by = "李四", idNumber = "11010519491231002X" });

        Assert.Equal("completed", CaseWalker.Status(done));
        Assert.Equal("qy-clerk", done["journal"]!.AsArray().Last()!["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task WaivedAndElectronicLicenceCopiesAreCountedAsSaved()
    {
        var opened = await _walker.OpenAsync(new
        {
            serviceItemCode = "GZ-SCJG-002",
            channel = "window",
            applicant = new { name = "李四", idNumber = ApiClient.ValidIdNumbers[1], phone = "13912345678", organization = "广州示例贸易有限公司", organizationCode = "91440101MA59XXXX1K" },
            materials = new object[]
            {
                new { code = "application-form", form = "original" },
                new { code = "business-licence-copy", form = "e-licence", eLicenceNumber = "91440101MA59XXXX1K" },
            },
        });

        var materials = opened["materials"]!.AsArray().ToDictionary(m => m!["code"]!.GetValue<string>(), m => m!["status"]!.GetValue<string>());
        Assert.Equal("e-licence", materials["business-licence-copy"]);
        Assert.Equal("waived", materials["id-card-copy"]);
        Assert.Equal("missing", materials["change-resolution"]);
        Assert.Equal(2, opened["copiesSaved"]!.GetValue<int>());
    }
}
