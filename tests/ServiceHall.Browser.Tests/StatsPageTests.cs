using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// <c>/stats</c>: every figure and chart shows what <c>/api/stats/...</c> answers for the same hall and period (other
/// browser tests share the silo, so figures are compared with the API, never counted from zero).
/// </summary>
public sealed class StatsPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string[] Charts = ["by-channel", "handling-by-channel", "by-day", "by-window", "consultations-by-window"];

    [SkippableFact]
    public async Task TheManagerSeesTheApisFiguresAndChartsInChineseAndThenInEnglish()
    {
        await ArrangeHallActivityAsync();

        var page = await OpenAsync("/stats", "manager");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("办件统计", await page.InnerTextAsync("h1"));
        Assert.Contains("广州市政务服务中心", await page.InnerTextAsync("[data-testid=stats-hall]"));
        // A manager sees their own hall only: no hall to choose.
        Assert.Equal(0, await page.Locator("[data-testid=filter-hall]").CountAsync());
        await AssertChartsDrawnAsync(page);
        var (stats, consultations) = await ReadApiAsync(page, "gz");
        Assert.True(stats["averageHandlingMinutesByChannel"]!["instant"] is not null, "the arranged instant cases were not counted");
        Assert.True(stats["returnRate"]!.GetValue<double>() > 0, "the arranged correction round was not counted");
        Assert.True(consultations.GetValueOrDefault("general-1") >= 1, "the arranged enquiry was not counted");

        await AssertFiguresAsync(page, stats, consultations, english: false);
        await AssertChartDataAsync(page, stats, consultations);
        Assert.Contains("各渠道平均办理时长", await page.InnerTextAsync(".charts"));
        await ScreenshotWhenDrawnAsync(page, "stats-zh");

        await page.ClickAsync("#lang-switch");
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.Equal("/stats", new Uri(page.Url).AbsolutePath);
        Assert.Contains("Case statistics", await page.InnerTextAsync("h1"));
        Assert.Contains("Guangzhou Municipal Government Service Center", await page.InnerTextAsync("[data-testid=stats-hall]"));
        var charts = await page.InnerTextAsync(".charts");
        Assert.Contains("Cases by channel", charts);
        Assert.Contains("Average handling time by channel", charts);
        Assert.Contains("Enquiries by window", charts);
        Assert.Contains("Comprehensive window 1", await page.InnerTextAsync("[data-testid=window-table]"));
        await AssertChartsDrawnAsync(page);
        (stats, consultations) = await ReadApiAsync(page, "gz");
        await AssertFiguresAsync(page, stats, consultations, english: true);
        await ScreenshotWhenDrawnAsync(page, "stats-en");
    }

    [SkippableFact]
    public async Task TheFiguresFollowANewCaseWithoutAReload()
    {
        var page = await OpenAsync("/stats", "manager");
        await Assertions.Expect(page.Locator("[data-testid=live-status]")).ToHaveAttributeAsync("data-state", "live");

        var opened = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        await Walker.WaitForBoardAsync(opened);
        var (stats, _) = await ReadApiAsync(page, "gz");

        await Assertions.Expect(page.Locator("[data-testid=stat-opened]"))
            .ToHaveTextAsync(stats["opened"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), new() { Timeout = Patience });
        Assert.True(await page.EvaluateAsync<int>("window.serviceHallLive.received") >= 1);
        await AssertChartsDrawnAsync(page);
    }

    [SkippableFact]
    public async Task AnAdminChoosesTheHallAndPeriod()
    {
        var page = await OpenAsync("/stats", "admin");
        await page.SelectOptionAsync("[data-testid=filter-hall]", "qy");
        await page.FillAsync("[data-testid=filter-from]", "2026-01-01");
        await page.ClickAsync("#stats-filter button[type=submit]");
        await WaitForUrlAsync(page, url => url.Query.Contains("hall=qy", StringComparison.Ordinal));

        Assert.Contains("清远市政务服务中心", await page.InnerTextAsync("[data-testid=stats-hall]"));
        Assert.Equal("2026-01-01", await page.InputValueAsync("[data-testid=filter-from]"));
        await AssertChartsDrawnAsync(page);
        var (stats, consultations) = await ReadApiAsync(page, "qy");
        await AssertFiguresAsync(page, stats, consultations, english: false);
        Assert.Contains("穗清通办窗口", await page.InnerTextAsync("[data-testid=window-table]"));
    }

    /// <summary>Issue 22 item 11: the highlighted instant-channel card was red with nothing in it.</summary>
    [SkippableFact]
    public async Task AnEmptyKpiCardIsNotPaintedRed()
    {
        // A period long before any case: every figure is empty.
        var page = await OpenAsync("/stats?from=2020-01-01&to=2020-01-31", "manager");
        var instant = page.Locator("[data-testid=figure-instant-average]");
        await Assertions.Expect(instant).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("empty"));
        Assert.DoesNotContain("highlight", await instant.GetAttributeAsync("class") ?? "");
        var colour = await instant.Locator(".value").EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.NotEqual("rgb(183, 28, 28)", colour);
        await Assertions.Expect(page.Locator("[data-testid=site-footer]")).ToContainTextAsync("12345");
    }

    [SkippableFact]
    public async Task AFilterThatMakesNoSenseIsExplained()
    {
        var page = await OpenAsync("/stats?from=2026-11-20&to=2026-11-01", "manager");
        Assert.Contains("开始日期不能晚于结束日期", await page.InnerTextAsync("[data-testid=stats-error]"));
        Assert.Equal(0, await page.Locator("#stats-report").CountAsync());

        // A manager asking for another hall is told so (403, as the API answers), not shown their own hall's figures.
        var response = await GoToAsync(page, "/stats?hall=qy");
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        Assert.Contains("只能查看本中心的统计", await page.InnerTextAsync("[data-testid=stats-error]"));
        Assert.Equal(0, await page.Locator("#stats-report").CountAsync());
    }

    [SkippableFact]
    public async Task AClerkGetsAForbiddenPageAndAVisitorTheSignIn()
    {
        var page = await OpenAsync("/", "clerk");
        var response = await GoToAsync(page, "/stats");
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        Assert.Contains("您无权查看统计分析", await page.InnerTextAsync("[data-testid=forbidden]"));
        Assert.Contains("窗口人员", await page.InnerTextAsync("[data-testid=forbidden]"));
        await ScreenshotAsync(page, "stats-forbidden-clerk");

        var visitor = await OpenAsync("/stats?from=2026-11-01");
        Assert.Equal("/login", new Uri(visitor.Url).AbsolutePath);
        Assert.Equal("/stats?from=2026-11-01", await visitor.InputValueAsync("input[name=returnUrl]"));
    }

    /// <summary>Instant cases handled on the spot, one case sent back for correction, one enquiry at general-1.</summary>
    private async Task ArrangeHallActivityAsync()
    {
        var last = new List<JsonNode>();
        for (var i = 0; i < 2; i++)
        {
            var instant = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-001", channel: "instant", window: "instant", delivery: new { method = "electronic" }));
            await Walker.ActAsync(CaseWalker.Id(instant), "clerk", "accept");
            last.Add(await Walker.ActAsync(CaseWalker.Id(instant), "clerk", "pass"));
        }

        var returned = await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        last.Add(await Walker.ActAsync(CaseWalker.Id(returned), "clerk", "request-correction", new { deficiencies = new[] { new { problem = "缺少股东签字页" } } }));

        var enquiry = await (await Walker.AsAsync("clerk")).PostAsync("/api/consultations", new { channel = "window", serviceItemCode = "GZ-SCJG-001", outcome = "answered" });
        Assert.True(enquiry.Status == HttpStatusCode.Created, enquiry.ToString());
        foreach (var view in last)
        {
            await Walker.WaitForBoardAsync(view);
        }
    }

    /// <summary>The API's figures for the hall and the period the page shows (its filter fields).</summary>
    private async Task<(JsonNode Stats, Dictionary<string, int> ConsultationsByWindow)> ReadApiAsync(IPage page, string hall)
    {
        var query = $"hall={hall}&from={await page.InputValueAsync("[data-testid=filter-from]")}&to={await page.InputValueAsync("[data-testid=filter-to]")}";
        var client = await Walker.AsAsync("admin");
        var stats = await client.GetAsync("/api/stats/cases?" + query);
        Assert.True(stats.Status == HttpStatusCode.OK, stats.ToString());
        var consultations = await client.GetAsync("/api/stats/consultations?" + query);
        Assert.True(consultations.Status == HttpStatusCode.OK, consultations.ToString());
        var byWindow = consultations.Json.AsArray()
            .GroupBy(row => row!["window"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Sum(row => row!["count"]!.GetValue<int>()));
        return (stats.Json, byWindow);
    }

    private static async Task AssertFiguresAsync(IPage page, JsonNode stats, Dictionary<string, int> consultations, bool english)
    {
        await AssertCountAsync(page, "opened", stats["opened"]!.GetValue<int>());
        await AssertCountAsync(page, "completed", stats["completed"]!.GetValue<int>());
        await AssertCountAsync(page, "sla-breaches", stats["slaBreaches"]!.GetValue<int>());
        await AssertCountAsync(page, "copies-saved", stats["copiesSaved"]!.GetValue<int>());
        await AssertCountAsync(page, "consultations", consultations.Values.Sum());
        await AssertShareAsync(page, "return-rate", stats["returnRate"]!.GetValue<double>());
        await AssertShareAsync(page, "online-share", stats["onlineShare"]!.GetValue<double>());
        await AssertDurationAsync(page, "average-handling", stats["averageHandlingMinutes"]?.GetValue<double>(), english);
        await AssertDurationAsync(page, "fastest-handling", stats["fastestHandlingMinutes"]?.GetValue<double>(), english);
        await AssertDurationAsync(page, "instant-average", stats["averageHandlingMinutesByChannel"]!["instant"]?.GetValue<double>(), english);

        var byWindow = stats["byWindow"]!;
        foreach (var row in await page.Locator("[data-testid=window-row]").AllAsync())
        {
            var window = (await row.GetAttributeAsync("data-window"))!;
            Assert.Equal((byWindow[window]?.GetValue<int>() ?? 0).ToString(CultureInfo.InvariantCulture), await row.Locator("[data-testid=window-cases]").InnerTextAsync());
            Assert.Equal(consultations.GetValueOrDefault(window).ToString(CultureInfo.InvariantCulture), await row.Locator("[data-testid=window-consultations]").InnerTextAsync());
        }
    }

    private static async Task AssertCountAsync(IPage page, string figure, int expected)
    {
        var element = page.Locator($"[data-testid=stat-{figure}]");
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await element.InnerTextAsync());
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await element.GetAttributeAsync("data-value"));
    }

    private static async Task AssertShareAsync(IPage page, string figure, double expected)
    {
        var element = page.Locator($"[data-testid=stat-{figure}]");
        Assert.Equal(expected, double.Parse((await element.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
        Assert.Equal(Number(expected * 100) + "%", await element.InnerTextAsync());
    }

    /// <summary>Exact minutes in data-value; the text in the largest unit that keeps the number readable.</summary>
    private static async Task AssertDurationAsync(IPage page, string figure, double? minutes, bool english)
    {
        var element = page.Locator($"[data-testid=stat-{figure}]");
        var text = await element.InnerTextAsync();
        if (minutes is not { } value)
        {
            Assert.Equal("", await element.GetAttributeAsync("data-value"));
            Assert.Equal("—", text);
            return;
        }

        Assert.Equal(value, double.Parse((await element.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
        var expected = value switch
        {
            < 1 => Number(value * 60) + (english ? " s" : " 秒"),
            < 60 => Number(value) + (english ? " min" : " 分钟"),
            < 24 * 60 => Number(value / 60) + (english ? " h" : " 小时"),
            _ => Number(value / (24 * 60)) + (english ? " days" : " 天"),
        };
        Assert.Equal(expected, text);
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Every chart container holds a drawn ECharts canvas.</summary>
    private static async Task AssertChartsDrawnAsync(IPage page)
    {
        foreach (var chart in Charts)
        {
            await Assertions.Expect(page.Locator($"[data-testid=chart-{chart}] canvas")).ToHaveCountAsync(1);
            var box = await page.Locator($"[data-testid=chart-{chart}] canvas").BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 100 }, $"chart {chart} is {box?.Width}x{box?.Height}");
        }
    }

    /// <summary>The charts hold the API's numbers: per window, per channel, per day, handling time per channel.</summary>
    private static async Task AssertChartDataAsync(IPage page, JsonNode stats, Dictionary<string, int> consultations)
    {
        var windows = await page.Locator("[data-testid=window-row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.window)");
        Assert.Equal(windows.Select(w => (double)(stats["byWindow"]![w]?.GetValue<int>() ?? 0)), await SeriesAsync(page, "by-window"));
        Assert.Equal(windows.Select(w => (double)consultations.GetValueOrDefault(w)), await SeriesAsync(page, "consultations-by-window"));
        Assert.Equal(stats["opened"]!.GetValue<int>(), (await SeriesAsync(page, "by-channel")).Sum());
        Assert.Equal(stats["opened"]!.GetValue<int>(), (await SeriesAsync(page, "by-day")).Sum());

        var handling = stats["averageHandlingMinutesByChannel"]!.AsObject();
        var bars = await SeriesAsync(page, "handling-by-channel");
        Assert.Equal(handling.Select(pair => pair.Value!.GetValue<double>()).Order(), bars.Order());
        // The instant channel's bar stands out in the brand colour; every other bar is grey.
        var colours = await page.EvaluateAsync<string[]>(
            "() => echarts.getInstanceByDom(document.querySelector('[data-chart=handling-by-channel]')).getOption().series[0].data.map(d => d.itemStyle.color)");
        Assert.Single(colours, c => c == "#b71c1c");
    }

    private static async Task<double[]> SeriesAsync(IPage page, string chart) =>
        await page.EvaluateAsync<double[]>(
            "name => echarts.getInstanceByDom(document.querySelector(`[data-chart=\"${name}\"]`)).getOption().series[0].data.map(d => typeof d === 'object' ? d.value : d)",
            chart);

    /// <summary>Screenshots once every chart has finished its entry animation (the page marks each with data-drawn).</summary>
    private async Task ScreenshotWhenDrawnAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-chart]')].every(chart => chart.dataset.drawn === 'true')");
        await ScreenshotAsync(page, name);
    }
}
