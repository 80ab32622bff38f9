using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 22 item 5: on a 360 px phone no public page may be wider than the screen, in Chinese or English; the header
/// keeps its links on one line each and the language switch on screen.
/// </summary>
public sealed class PhoneWidthTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [SkippableFact]
    public async Task NoPublicPageIsWiderThanA360PixelPhoneInEitherLanguage()
    {
        // A case waiting for the applicant's answers: the tracker shows its widest state (the list and the answer form).
        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);
        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "request-correction", new
        {
            deficiencies = new object[] { new { materialCode = "amended-articles", problem = "章程修正案未加盖公章" } },
        });
        var code = opened["trackingCode"]!.GetValue<string>();
        string[] paths = ["/", "/login", "/guide", "/guide/GZ-SCJG-002", "/apply", "/track", "/track?code=" + code, "/appointments", "/verify/NO-SUCH-NUMBER"];

        var page = await OpenAsync("/", viewport: Phone);
        var problems = new List<string>();
        foreach (var language in new[] { "zh-CN", "en" })
        {
            await GoToAsync(page, $"/lang/{language}?returnUrl=/");
            foreach (var path in paths)
            {
                await GoToAsync(page, path);
                if (path.StartsWith("/track?", StringComparison.Ordinal))
                {
                    var resubmit = page.Locator("[data-testid=action-resubmit] summary");
                    await resubmit.ClickAsync();
                }

                var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                if (width > Phone.Width)
                {
                    problems.Add($"{language} {path}: {width} px wide");
                }

                // One line per header link (a link squeezed to one character a line is taller than two lines of text).
                var tallest = await page.EvaluateAsync<double>(
                    "() => Math.max(...[...document.querySelectorAll('header.topbar a, header.topbar button')].map(a => a.getBoundingClientRect().height))");
                if (tallest > 40)
                {
                    problems.Add($"{language} {path}: a header link is {tallest:0} px tall");
                }

                var switchBox = await page.Locator("#lang-switch").BoundingBoxAsync();
                if (switchBox is null || switchBox.X < 0 || switchBox.X + switchBox.Width > Phone.Width)
                {
                    problems.Add($"{language} {path}: the language switch is off screen");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
