using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 21 in a real browser: an item's service guide shows its materials and the picture of its workflow; the
/// receipt of the longest item, accepted with every material but the form missing, prints on one A4 page from the
/// HTML as it does in PDF.
/// </summary>
public sealed partial class GuideAndReceiptPrintTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [SkippableFact]
    public async Task AnItemsGuideShowsItsMaterialsAndItsWorkflowPicture()
    {
        var page = await OpenAsync("/guide");
        await page.FillAsync("[data-testid=guide-search]", "变更登记");
        await page.PressAsync("[data-testid=guide-search]", "Enter");
        await page.ClickAsync("a[href='/guide/GZ-SCJG-002']");

        await Assertions.Expect(page.Locator("[data-testid=guide-title]")).ToContainTextAsync("内资公司变更登记");
        await Assertions.Expect(page.Locator("[data-testid=guide-materials] [data-material=id-card-copy]")).ToContainTextAsync("免交复印件");
        await Assertions.Expect(page.Locator("[data-testid=guide-materials] [data-material=business-licence-copy]")).ToContainTextAsync("电子营业执照");
        var picture = page.Locator("[data-testid=workflow-picture]");
        await Assertions.Expect(picture).ToBeVisibleAsync();
        Assert.True(await picture.Locator("g.wf-box").CountAsync() >= 5);
        var box = await picture.Locator("g.wf-box[data-activity=accept] rect").BoundingBoxAsync();
        Assert.True(box is { Width: > 20, Height: > 5 }, $"acceptance box drawn at {box?.Width}x{box?.Height}");
        await ScreenshotAsync(page, "guide-zh");
    }

    [SkippableFact]
    public async Task TheLongestReceiptPrintsOnOneA4PageFromTheHtml()
    {
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-YJGL-001", complete: false));
        var id = CaseWalker.Id(opened);
        await Walker.ActAsync(id, "clerk", "accept", new { acceptWithDeficiencies = true });

        var page = await OpenAsync("/board", "clerk");
        await page.GotoAsync($"/api/cases/{id}/documents/receipt?format=html", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("容缺受理");

        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });

        var pages = PageObjects().Matches(Encoding.Latin1.GetString(pdf)).Count;
        Assert.True(pages == 1, $"the receipt printed on {pages} pages");
    }

    // Page objects of a PDF (not the /Pages tree): Chromium writes one per printed page.
    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObjects();
}
