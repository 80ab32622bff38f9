using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>The applicant's tracker: entered by code, live without reloading, what is needed, unknown codes.</summary>
public sealed class TrackerPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly LocatorAssertionsToContainTextOptions Live = new() { Timeout = Patience };

    [SkippableFact]
    public async Task TheTimelineAndWhatIsNeededUpdateLiveWithoutAReload()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        var code = opened["trackingCode"]!.GetValue<string>();

        var page = await OpenAsync("/track");
        // Typed as people do: lower case, with a space.
        await page.FillAsync("#track-code", code[..8].ToLowerInvariant() + " " + code[8..]);
        await page.ClickAsync("#track-form button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=case-number]")).ToHaveTextAsync(opened["number"]!.GetValue<string>());
        await Assertions.Expect(page.Locator("[data-testid=live-status]")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=needed-none]")).ToBeVisibleAsync();
        // Personal data is masked on the public page.
        Assert.DoesNotContain("张三丰", await page.ContentAsync());
        await page.EvaluateAsync("window.__marker = 1");

        await Walker.ActAsync(id, "clerk", "accept");
        await Assertions.Expect(page.Locator("[data-testid=journal] li[data-action=accept]")).ToContainTextAsync("受理", Live);
        await Assertions.Expect(page.Locator("[data-testid=case-stage]")).ToContainTextAsync("形式审查", Live);

        await Walker.ActAsync(id, "reviewer", "request-correction", new
        {
            deficiencies = new object[]
            {
                new { materialCode = "amended-articles", problem = "章程修正案未加盖公章" },
                new { problem = "请补充股东会决议原件" },
            },
        });
        var needed = page.Locator("[data-testid=needed-list]");
        await Assertions.Expect(needed).ToContainTextAsync("章程修正案未加盖公章", Live);
        await Assertions.Expect(needed).ToContainTextAsync("修改后的公司章程或章程修正案");
        await Assertions.Expect(needed).ToContainTextAsync("请补充股东会决议原件");
        await Assertions.Expect(page.Locator("[data-testid=needed]")).ToContainTextAsync("一次性告知");
        await Assertions.Expect(page.Locator("[data-testid=journal] li[data-action=request-correction]")).ToContainTextAsync("2 项需补正");
        Assert.Equal(1, await page.EvaluateAsync<int>("window.__marker"));
        Assert.True(await page.EvaluateAsync<int>("window.serviceHallLive.received") >= 2);
        await ScreenshotAsync(page, "tracker-correction");

        // The applicant answers online; the list is gone and the case is back with the reviewer.
        var resubmit = page.Locator("[data-testid=action-resubmit]");
        await resubmit.Locator("summary").ClickAsync();
        await resubmit.Locator("[data-field=note]").Nth(0).FillAsync("已加盖公章");
        await resubmit.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=needed-none]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal("formal-review", CaseWalker.Stage(await Walker.GetAsync(id)));
        Assert.Equal(1, await page.EvaluateAsync<int>("window.__marker"));
        await ScreenshotAsync(page, "tracker");
    }

    [SkippableFact]
    public async Task AnUnknownCodeGetsOneMessageAndNoCase()
    {
        var page = await OpenAsync("/track");
        await page.FillAsync("#track-code", "ABCD2345EFGH6789");
        await page.ClickAsync("#track-form button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=track-not-found]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=case-number]").CountAsync());
        var notFound = await page.InnerTextAsync("[data-testid=track-not-found]");
        await ScreenshotAsync(page, "tracker-not-found");

        // A malformed code gets the very same answer.
        var response = await GoToAsync(page, "/track?code=not-a-code");
        Assert.Equal(404, response!.Status);
        Assert.Equal(notFound, await page.InnerTextAsync("[data-testid=track-not-found]"));
    }

    [SkippableFact]
    public async Task PickupInstructionsFollowTheDeliveryMethod()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002",
            delivery: new { method = "ems", address = "广州市天河区天河路 100 号" }));
        var page = await OpenAsync("/track/" + opened["trackingCode"]!.GetValue<string>());
        var pickup = page.Locator("[data-testid=pickup]");
        await Assertions.Expect(pickup).ToHaveAttributeAsync("data-method", "ems");
        // The tracker is public to whoever holds the code: the address only to its district.
        await Assertions.Expect(pickup).ToContainTextAsync("广州市天河区****");
        await Assertions.Expect(pickup).Not.ToContainTextAsync("天河路 100 号");
        await Assertions.Expect(page.Locator("[data-testid=ems-number]")).ToContainTextAsync("寄出后");

        await page.ClickAsync("#lang-switch");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        await Assertions.Expect(page.Locator("[data-testid=ems-number]")).ToContainTextAsync("once mailed");
        await Assertions.Expect(page.Locator("[data-testid=live-status]")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = Patience });

        // Through review and certificate to the post office: the waybill number appears live.
        var id = CaseWalker.Id(opened);
        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "pass");
        await Walker.ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        await Walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        await Assertions.Expect(page.Locator("[data-testid=pickup-ready]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Walker.ActAsync(id, "clerk", "mailed", new { emsTrackingNo = "EA123456789CN" });
        await Assertions.Expect(page.Locator("[data-testid=ems-number]")).ToHaveTextAsync("EA123456789CN", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=documents]")).ToContainTextAsync("Certificate");
        await ScreenshotAsync(page, "tracker-en");
    }
}
