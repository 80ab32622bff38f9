using System.Net;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 22 items 4 and 9 on the staff case page: the pickup form stores who collected and refuses a bad ID on its
/// field, approving needs an opinion, each correction round shows its deficiencies and the applicant's answers, and
/// the online scans stand beside their materials in the materials table.
/// </summary>
public sealed class CaseRecordsPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string AgentId = "440106199003071231";
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = Patience };

    [SkippableFact]
    public async Task PickupStoresTheCollectorAndRefusesABadIdOnItsField()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "pass");
        await Walker.ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        await Walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        await Walker.ActAsync(id, "clerk", "notify-pickup");
        var page = await OpenAsync($"/cases/{id}", "clerk");
        await WaitLiveAsync(page);

        // An agent with a mistyped ID (wrong check digit): refused on the ID field, the case still waits for pickup.
        var form = page.Locator("[data-testid=action-picked-up]");
        await form.Locator("summary").ClickAsync();
        await form.Locator("[data-field=collector]").SelectOptionAsync("agent");
        await form.Locator("[data-field=by]").FillAsync("李四");
        await form.Locator("[data-field=idNumber]").FillAsync(AgentId[..^1] + "5");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=action-error]")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[data-field=idNumber]")).ToHaveAttributeAsync("aria-invalid", "true");
        var waiting = await Walker.GetAsync(id);
        Assert.Equal(("open", "pickup"), (CaseWalker.Status(waiting), CaseWalker.Stage(waiting)));
        Assert.Null(waiting["collection"]);

        await form.Locator("[data-field=idNumber]").FillAsync(AgentId);
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=case-status]")).ToHaveAttributeAsync("data-status", "completed", Live);

        // Stored, journaled and shown, the ID masked everywhere the page shows it.
        await Assertions.Expect(page.Locator("[data-testid=collector]")).ToContainTextAsync("李四");
        await Assertions.Expect(page.Locator("[data-testid=collector]")).ToContainTextAsync("代领人");
        await Assertions.Expect(page.Locator("[data-testid=collector-id]")).ToContainTextAsync("440106********1231");
        await Assertions.Expect(page.Locator("[data-testid=journal]")).ToContainTextAsync("领取人：李四");
        Assert.DoesNotContain(AgentId, await page.ContentAsync());
        var done = await Walker.GetAsync(id);
        Assert.Equal(("agent", "李四"), (done["collection"]!["collector"]!.GetValue<string>(), done["collection"]!["name"]!.GetValue<string>()));
        await ScreenshotAsync(page, "case-page-handover");
    }

    [SkippableFact]
    public async Task ApproveWithoutAnOpinionIsRefusedOnItsFieldAndTheOpinionIsShownAndPrinted()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "pass");
        var page = await OpenAsync($"/cases/{id}", "reviewer");
        await WaitLiveAsync(page);

        var form = page.Locator("[data-testid=action-approve]");
        await form.Locator("summary").ClickAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=action-error]")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[data-field=opinion]")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal("back-office-review", CaseWalker.Stage(await Walker.GetAsync(id)));

        await form.Locator("[data-field=opinion]").FillAsync("经审查，材料齐全，符合法定条件");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=case-stage]")).ToHaveAttributeAsync("data-stage", "certificate", Live);
        await Assertions.Expect(page.Locator("[data-testid=opinions]")).ToContainTextAsync("经审查，材料齐全，符合法定条件");

        // The decision (准予行政许可决定书) prints the opinion it rests on.
        await Walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        using var clerk = await Walker.AsAsync("clerk");
        var html = await clerk.DownloadAsync($"/api/cases/{id}/documents/certificate?format=html");
        Assert.Equal(HttpStatusCode.OK, html.Status);
        var text = Encoding.UTF8.GetString(html.Bytes);
        Assert.Contains("审批意见", text);
        Assert.Contains("经审查，材料齐全，符合法定条件", text);
    }

    [SkippableFact]
    public async Task TheCasePageShowsTheRoundsDeficienciesAndAnswersAndOnlineScansInTheMaterialsTable()
    {
        using var applicant = new OnlineApplicant(Fixture.BaseUrl, "137" + TestRandom.Next(10_000_000, 99_999_999));
        using var admin = await Walker.AsAsync("admin");
        var submitted = await applicant.SubmitAsync(OnlineApplicant.SampleApplication(applicant.Phone), await applicant.VerifiedCodeAsync(admin),
            OnlineApplicant.SampleScans("records"));
        Assert.True(submitted.Status == HttpStatusCode.Created, submitted.ToString());
        var id = submitted.Json["id"]!.GetValue<string>();
        var trackingCode = submitted.Json["trackingCode"]!.GetValue<string>();
        await Walker.ActAsync(id, "clerk", "request-correction", new
        {
            deficiencies = new object[] { new { materialCode = "change-resolution", problem = "决议缺少股东签字" }, new { problem = "请说明变更原因" } },
        });
        var resubmitted = await applicant.ResubmitAsync(trackingCode,
            new { answers = new[] { new { deficiencyId = "r1-d1", note = "已补签字" }, new { deficiencyId = "r1-d2", note = "增加经营范围" } } },
            new Dictionary<string, (string Name, byte[] Bytes)> { ["change-resolution"] = ("signed.pdf", OnlineApplicant.Pdf("records signed")) });
        Assert.True(resubmitted.Status == HttpStatusCode.OK, resubmitted.ToString());

        var page = await OpenAsync($"/cases/{id}", "clerk");
        await WaitLiveAsync(page);

        // The round: what the notice listed, and the applicant's answer under each deficiency.
        var round = page.Locator("[data-testid=correction-round][data-round='1']");
        await Assertions.Expect(round).ToContainTextAsync("决议缺少股东签字");
        await Assertions.Expect(round).ToContainTextAsync("请说明变更原因");
        await Assertions.Expect(round.Locator("[data-deficiency=r1-d1] [data-testid=correction-answer]")).ToContainTextAsync("已补签字");
        await Assertions.Expect(round.Locator("[data-deficiency=r1-d2] [data-testid=correction-answer]")).ToContainTextAsync("增加经营范围");
        await Assertions.Expect(round).ToContainTextAsync("signed.pdf");

        // The scans sit in the materials table beside their material, the correction's next to the application's.
        var resolution = page.Locator("[data-testid=materials] tr[data-material=change-resolution] [data-testid=material-scans]");
        await Assertions.Expect(resolution).ToContainTextAsync("resolution.pdf");
        await Assertions.Expect(resolution).ToContainTextAsync("signed.pdf");
        await Assertions.Expect(page.Locator("[data-testid=materials] tr[data-material=application-form] [data-testid=material-scans]")).ToContainTextAsync("application.pdf");
        Assert.Equal(0, await page.Locator("[data-testid=case-uploads] [data-upload]").CountAsync());
        var download = await resolution.Locator("a[data-testid=upload-download]").First.GetAttributeAsync("href");
        Assert.StartsWith($"/api/cases/{id}/uploads/", download);
        await ScreenshotAsync(page, "case-page-corrections");
    }

    private static Task WaitLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=live-status]")).ToHaveAttributeAsync("data-state", "live", Live);
}
