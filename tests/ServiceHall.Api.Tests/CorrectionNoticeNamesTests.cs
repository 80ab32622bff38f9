using System.Net;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 22 item 3, "department codes in the correction notice's table": the 一次性告知 names the department that
/// raised each deficiency by its name, as a person reads it.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class CorrectionNoticeNamesTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);

    public void Dispose() => _walker.Dispose();

    [Fact]
    public async Task TheCorrectionNoticeNamesTheReviewingDepartmentNotItsCode()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        await _walker.ActAsync(id, "clerk", "accept");
        var view = await _walker.ActAsync(id, "reviewer", "request-correction",
            new { deficiencies = new[] { new { materialCode = "change-resolution", problem = "缺少全体股东签字" } } });
        var department = view["department"]!.GetValue<string>();
        Assert.Equal("market-regulation", department);

        var notice = await (await _walker.AsAsync("admin")).DownloadAsync($"/api/cases/{id}/documents/correction-notice?format=html");

        Assert.Equal(HttpStatusCode.OK, notice.Status);
        var html = System.Text.Encoding.UTF8.GetString(notice.Bytes);
        Assert.Contains("缺少全体股东签字", html);
        Assert.Contains("广州市市场监督管理局", html);
        Assert.DoesNotContain(department, html);
    }
}
