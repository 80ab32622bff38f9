using System.Net;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// 全流程网办 in the browser: a new applicant applies at /apply without a staff account, answers a correction on the
/// tracker by re-uploading, receives the electronic certificate, and anyone verifies it at /verify/{number}.
/// </summary>
public sealed class OnlineApplyPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = Patience };

    [SkippableFact]
    public async Task AnApplicantAppliesOnlineCorrectsAndAnyoneVerifiesTheCertificate()
    {
        var phone = "138" + TestRandom.Next(10_000_000, 100_000_000);
        var page = await OpenAsync("/apply");
        await page.SelectOptionAsync("[data-testid=apply-item]", "GZ-SCJG-002");
        await Assertions.Expect(page.Locator("[data-testid=apply-form]")).ToBeVisibleAsync(Soon);

        await page.FillAsync("#apply-form input[name=name]", "陈网办");
        await page.FillAsync("#apply-form input[name=idNumber]", ApiClient.ValidIdNumbers[1]);
        // The demo licence below is this company's: an e-licence stands in only for its own holder.
        await page.FillAsync("#apply-form input[name=organization]", "广州示例贸易有限公司");
        await page.FillAsync("#apply-form input[name=organizationCode]", "91440101MA59XXXX1K");
        await page.FillAsync("#apply-form input[name=phone]", phone);
        await page.SetInputFilesAsync("input[type=file][name=application-form]", Scan("application.pdf", OnlineApplicant.Pdf("browser form")));
        await page.SetInputFilesAsync("input[type=file][name=change-resolution]", Scan("resolution.pdf", OnlineApplicant.Pdf("browser resolution")));
        await page.SetInputFilesAsync("input[type=file][name=amended-articles]", Scan("articles.png", OnlineApplicant.Png("browser articles")));
        // The licence copy: the electronic licence number instead (a demo register entry).
        await page.FillAsync("[data-elicence=business-licence-copy]", "91440101MA59XXXX1K");
        await page.CheckAsync("input[name=delivery][value=electronic]");

        // Without the code: refused, and the page says so on the code field.
        await page.ClickAsync("[data-testid=apply-submit]");
        await Assertions.Expect(page.Locator("[data-testid=apply-error]")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(page.Locator("#verification-code")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("invalid"));

        await page.ClickAsync("[data-testid=send-code]");
        await Assertions.Expect(page.Locator("#code-status")).ToContainTextAsync("验证码已发送", new() { Timeout = Patience });
        using var admin = await new ApiClient(Fixture.BaseUrl).SignInAsync("admin");
        using var phoneReader = new OnlineApplicant(Fixture.BaseUrl, phone);
        await page.FillAsync("#verification-code", await phoneReader.LatestCodeAsync(admin));
        await ScreenshotAsync(page, "apply");
        await page.ClickAsync("[data-testid=apply-submit]");
        await Assertions.Expect(page.Locator("[data-testid=apply-done]")).ToBeVisibleAsync(Soon);
        var trackingCode = await page.InnerTextAsync("[data-testid=done-code]");
        var caseNumber = await page.InnerTextAsync("[data-testid=done-number]");

        await page.ClickAsync("[data-testid=done-track]");
        await Assertions.Expect(page.Locator("[data-testid=case-number]")).ToHaveTextAsync(caseNumber);
        await Assertions.Expect(page.Locator("[data-testid=live-status]")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=tracker-uploads]")).ToContainTextAsync("resolution.pdf");
        var id = CaseWalker.Id((await Walker.Anonymous.GetAsync($"/api/track/{trackingCode}")).Json);

        await Walker.ActAsync(id, "clerk", "request-correction", new
        {
            deficiencies = new object[]
            {
                new { materialCode = "change-resolution", problem = "决议缺少股东签字" },
                new { problem = "请说明变更原因" },
            },
        });
        var resubmit = page.Locator("[data-testid=online-resubmit]");
        await Assertions.Expect(resubmit).ToBeVisibleAsync(Soon);
        Assert.Equal(1, await resubmit.Locator("input[type=file]").CountAsync());
        await resubmit.Locator("input[type=file][name=change-resolution]").SetInputFilesAsync(Scan("signed.pdf", OnlineApplicant.Pdf("signed resolution")));
        await resubmit.Locator("[data-note=r1-d2]").FillAsync("增加经营范围");
        await ScreenshotAsync(page, "tracker-online-correction");
        await resubmit.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=needed-none]")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(page.Locator("[data-testid=tracker-uploads]")).ToContainTextAsync("signed.pdf");
        Assert.Equal("acceptance", CaseWalker.Stage(await Walker.GetAsync(id)));

        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "pass");
        await Walker.ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        var issued = await Walker.ActAsync(id, "clerk", "issue-certificate", new { form = "electronic" });
        Assert.Equal("completed", CaseWalker.Status(issued));
        var certificate = page.Locator("[data-testid=tracker-certificates]");
        await Assertions.Expect(certificate).ToContainTextAsync(caseNumber, new() { Timeout = Patience });
        // Issue 22 item 9: the result has its own card, not a place inside the uploaded-materials card.
        Assert.Equal(0, await page.Locator("[data-testid=tracker-uploads] [data-testid=tracker-certificates]").CountAsync());
        await Assertions.Expect(page.Locator("[data-testid=tracker-certificate-card] [data-testid=tracker-certificates]")).ToBeVisibleAsync();

        // The electronic certificate the applicant received, checked by anyone on the page the QR code opens. It is signed
        // from the register's entry; the download reads the case, which enters it first if its own turn has not yet.
        var file = await Walker.Anonymous.DownloadAsync($"/api/track/{trackingCode}/certificates/{caseNumber}/electronic");
        Assert.Equal(HttpStatusCode.OK, file.Status);
        await page.ClickAsync("[data-testid=certificate-verify]");
        await Assertions.Expect(page.Locator("[data-testid=verify-status]")).ToHaveTextAsync("有效", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=verify-holder]")).ToHaveTextAsync("广州示例贸易有限公司");
        await Assertions.Expect(page.Locator("[data-testid=verify-item]")).ToHaveTextAsync("内资公司变更登记");
        await page.SetInputFilesAsync("[data-testid=verify-file-form] input[type=file]", Scan(caseNumber + ".json", file.Bytes, "application/json"));
        await page.ClickAsync("[data-testid=verify-file-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=verify-file-status]")).ToContainTextAsync("有效", new() { Timeout = Patience });
        await ScreenshotAsync(page, "verify");
    }

    [SkippableFact]
    public async Task AnUnknownOrRevokedNumberSaysSoOnTheVerifyPage()
    {
        var page = await OpenAsync("/verify/GZ-19990101-000009");
        await Assertions.Expect(page.Locator("[data-testid=verify-status]")).ToHaveTextAsync("未找到");

        using var admin = await new ApiClient(Fixture.BaseUrl).SignInAsync("admin");
        var number = "91440101MB" + TestRandom.Next(10_000_000, 100_000_000);
        await admin.PostAsync("/api/certificates/e-licences", new { licences = new[] { new { number, holder = "广州吊销示例有限公司" } } });
        await admin.PostAsync($"/api/certificates/{number}/revoke", new { reason = "吊销营业执照" });
        await GoToAsync(page, "/verify");
        await page.FillAsync("#verify-number", number);
        await page.ClickAsync("#verify-form button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=verify-status]")).ToHaveTextAsync("已撤销");
        await Assertions.Expect(page.Locator("[data-testid=verify-result]")).ToContainTextAsync("吊销营业执照");
        await ScreenshotAsync(page, "verify-revoked");
    }

    private static FilePayload Scan(string name, byte[] bytes, string? type = null) => new()
    {
        Name = name,
        MimeType = type ?? (name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "application/pdf"),
        Buffer = bytes,
    };
}
