using System.Net;
using System.Text.Json.Nodes;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 21: the public service guides (办事指南). The list by department with a search; an item's guide with its
/// materials (copies waived, e-licence), time limits, channels and windows, delivery, links to apply or book, and a
/// picture of the published workflow that follows a designer's newly published version. Its own silo, because the
/// test publishes a new version of the standard workflow.
/// </summary>
public sealed class GuidePagesTests(SiloFixture silo) : IClassFixture<SiloFixture>, IDisposable
{
    private readonly HttpClient _anonymous = new() { BaseAddress = new Uri(silo.BaseUrl) };
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose()
    {
        _anonymous.Dispose();
        _walker.Dispose();
    }

    [Fact]
    public async Task TheListGroupsItemsByDepartmentAndSearches()
    {
        var (status, all) = await GetAsync("/guide");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("广州市市场监督管理局", all);
        Assert.Equal(62, Count(all, "data-testid=\"guide-item\""));

        var (_, found) = await GetAsync("/guide?q=" + Uri.EscapeDataString("危险化学品 经营"));
        Assert.Contains("/guide/GZ-YJGL-001", found);
        Assert.DoesNotContain("/guide/GZ-SCJG-002", found);

        var (_, byDepartment) = await GetAsync("/guide?q=" + Uri.EscapeDataString("应急管理局"));
        Assert.True(Count(byDepartment, "data-testid=\"guide-item\"") >= 5, byDepartment);
        Assert.DoesNotContain("/guide/GZ-SCJG-002", byDepartment);
    }

    [Fact]
    public async Task AnItemsGuideTellsWhatToBringHowLongWhereAndHow()
    {
        var (status, html) = await GetAsync("/guide/GZ-SCJG-002");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("内资公司变更登记", html);
        Assert.Contains("股东会决议或决定", html);
        Assert.Contains("免交复印件：窗口核验身份证原件", html);
        Assert.Contains("可用电子营业执照替代复印件", html);
        Assert.Contains("受理后 3 个工作日", html);
        Assert.Contains("综合窗口1", html);
        Assert.Contains("EMS 邮寄送达", html);
        Assert.Contains("href=\"/apply?item=GZ-SCJG-002\"", html);
        Assert.Contains("href=\"/appointments?item=GZ-SCJG-002\"", html);
        Assert.Contains("data-testid=\"workflow-picture\"", html);
        Assert.Contains("窗口受理 Acceptance", html);

        var (_, english) = await GetAsync("/guide/GZ-SCJG-002?culture=en");
        Assert.Contains("Domestic company change registration", english);
        Assert.Contains("An electronic business licence may replace the copy", english);

        var (_, crossCity) = await GetAsync("/guide/GZ-SCJG-101");
        Assert.Contains("穗清通办窗口", crossCity);
        Assert.Contains("穗梅通办窗口", crossCity);
        Assert.DoesNotContain("href=\"/apply?item=", crossCity);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/guide/GZ-NOPE-999")).Status);
    }

    [Fact]
    public async Task AnInstantItemsGuideDrawsTheWorkflowEachOfItsChannelsRuns()
    {
        // GZ-SCJG-001 is instant-eligible: the instant workflow runs on the instant window only; at a general window
        // and online the same item runs the standard one (ServiceWorkflows).
        var (status, html) = await GetAsync("/guide/GZ-SCJG-001");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, Count(html, "data-testid=\"guide-workflow-of\""));
        Assert.Contains("data-definition=\"servicehall-instant\" data-channels=\"instant\"", html);
        Assert.Contains("data-definition=\"servicehall-standard\" data-channels=\"window online\"", html);
        Assert.Equal(2, Count(html, "data-testid=\"workflow-picture\""));
        Assert.Contains("经即办办理的流程", html);

        // An item whose channels all run one workflow gets one picture and no per-channel heading.
        var (_, standard) = await GetAsync("/guide/GZ-SCJG-002");
        Assert.Equal(1, Count(standard, "data-testid=\"guide-workflow-of\""));
        Assert.DoesNotContain("<h3>经", standard);
    }

    [Fact]
    public async Task TheWorkflowPictureShowsWhatTheDesignerPublishes()
    {
        var designer = await _walker.AsAsync("designer");
        var published = (await designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/servicehall-standard?versionOptions=Published")).Json;
        var model = published.DeepClone().AsObject();
        var accept = model["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "accept")!;
        accept["metadata"]!["displayText"] = "窗口形式审查 Formal check at the window";

        var save = await designer.PostAsync("/elsa/api/workflow-definitions", new { model, publish = true });
        Assert.True(save.Status == HttpStatusCode.OK, save.ToString());

        var (_, html) = await GetAsync("/guide/GZ-SCJG-002");
        Assert.Contains("窗口形式审查 Formal check at the window", html);
        Assert.DoesNotContain("窗口受理 Acceptance", html);
        Assert.Contains($"第 {save.Json["workflowDefinition"]!["version"]!.GetValue<int>()} 版", html);
    }

    [Fact]
    public async Task TheCorrectionNoticeLinksItsItemsGuide()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        await _walker.ActAsync(id, "clerk", "request-correction", new { deficiencies = new[] { new { materialCode = "change-resolution", problem = "缺少股东签字" } } });

        var notice = await (await _walker.AsAsync("clerk")).DownloadAsync($"/api/cases/{id}/documents/correction-notice?format=html");

        Assert.Contains("/guide/GZ-SCJG-002", System.Text.Encoding.UTF8.GetString(notice.Bytes));
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await _anonymous.GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static int Count(string text, string needle) => (text.Length - text.Replace(needle, "").Length) / needle.Length;
}
