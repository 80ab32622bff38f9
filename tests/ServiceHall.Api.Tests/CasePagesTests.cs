using System.Net;
using System.Net.Http.Headers;

namespace ServiceHall.Api.Tests;

/// <summary>The case page and the tracker over plain HTTP: who gets what, and the fragments their scripts re-read.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class CasePagesTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(silo.BaseUrl) };

    public void Dispose()
    {
        _walker.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignInAndTheFragmentAnswers401()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        using var page = await _http.GetAsync($"/cases/{id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal($"/login?returnUrl=%2Fcases%2F{id}", page.Headers.Location!.OriginalString);

        using var fragment = await _http.GetAsync($"/cases/{id}/fragment");
        Assert.Equal(HttpStatusCode.Unauthorized, fragment.StatusCode);
        Assert.Equal("application/problem+json", fragment.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task EveryStaffPageSendsAnonymousVisitorsToSignInAndEveryStaffFragmentAnswersA401Problem()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var id = CaseWalker.Id(opened);

        foreach (var page in new[] { "/board?channel=instant", "/stats", "/coordinator", "/appointments/today", "/appointments/slots", $"/cases/{id}" })
        {
            using var response = await _http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString(page), response.Headers.Location!.OriginalString);
        }

        foreach (var fragment in new[] { "/board/columns", $"/board/cards/{id}", "/stats/report", $"/coordinator/projects/{id}", $"/cases/{id}/fragment" })
        {
            using var response = await _http.GetAsync(fragment);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        foreach (var page in new[] { "/appointments", "/apply", "/track" })
        {
            using var response = await _http.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // A fragment is re-read after each push: a cached copy would show the case as it was.
        var tracker = $"/track/{opened["trackingCode"]!.GetValue<string>()}/fragment";
        foreach (var (fragment, user) in new[] { ($"/cases/{id}/fragment", "clerk"), ("/board/columns", "clerk"), (tracker, null) })
        {
            using var response = await SendAsync(fragment, user);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{fragment} may be cached");
        }
    }

    [Fact]
    public async Task StaffGetTheCaseUnknownCasesAre404AndCasesOutsideTheirScope403()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        var (status, html) = await GetAsync($"/cases/{id}/fragment", "clerk");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("<div id=\"case-detail\"", html.TrimStart());
        Assert.Contains("data-testid=\"action-accept\"", html);
        Assert.DoesNotContain("<html", html);

        (status, html) = await GetAsync("/cases/case-00000000000000000000000000000000", "clerk");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("data-outcome=\"notFound\"", html);
        (status, _) = await GetAsync("/cases/case-00000000000000000000000000000000/fragment", "clerk");
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _) = await GetAsync("/cases/not-a-case-id", "clerk");
        Assert.Equal(HttpStatusCode.NotFound, status);

        (status, html) = await GetAsync($"/cases/{id}", "reviewer2");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("data-outcome=\"forbidden\"", html);
        (status, _) = await GetAsync($"/cases/{id}/fragment", "reviewer2");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    /// <summary>
    /// Issue 22 item 3: the case page names who gave an opinion and who acted in its history as a person reads them
    /// (the department's name, the reviewer's display name), never by code ("market-regulation") or user name ("reviewer").
    /// </summary>
    [Fact]
    public async Task OpinionsAndHistoryNameTheDepartmentAndTheReviewerNeverTheirCodes()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        await _walker.ActAsync(id, "clerk", "accept");
        await _walker.ActAsync(id, "reviewer", "pass");
        await _walker.ActAsync(id, "reviewer", "approve", new { opinion = "经审查符合法定条件" });

        var (status, html) = await GetAsync($"/cases/{id}/fragment", "clerk");
        Assert.Equal(HttpStatusCode.OK, status);
        var opinions = VisibleText(Element(html, "<ul class=\"opinions\" data-testid=\"opinions\">", "</ul>"));
        Assert.Contains("经审查符合法定条件", opinions);
        Assert.Contains("广州市市场监督管理局", opinions);
        Assert.Contains("李振华", opinions);
        Assert.DoesNotContain("market-regulation", opinions);
        Assert.DoesNotContain("reviewer", opinions, StringComparison.OrdinalIgnoreCase);

        var journal = VisibleText(Element(html, "<ol class=\"timeline\" data-testid=\"journal\">", "</ol>"));
        Assert.Contains("李振华", journal);
        Assert.Contains("陈晓敏", journal);
        Assert.False(System.Text.RegularExpressions.Regex.IsMatch(journal, @"\((reviewer|clerk)\)|(?<![A-Za-z-])(reviewer|clerk)(?![A-Za-z-])"),
            $"the history shows a user name: {journal}");
        Assert.DoesNotContain("market-regulation", journal);

        static string Element(string html, string start, string end)
        {
            var from = html.IndexOf(start, StringComparison.Ordinal);
            Assert.True(from >= 0, $"no {start} on the page");
            return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
        }

        static string VisibleText(string markup) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(markup, "<[^>]+>", " "));
    }

    [Fact]
    public async Task TheCasePageSpeaksTheChosenLanguage()
    {
        var id = CaseWalker.Id(await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002", complete: false)));

        var (_, chinese) = await GetAsync($"/cases/{id}", "clerk");
        Assert.Contains("内资公司变更登记", chinese);
        Assert.Contains("公司变更登记申请书", chinese);
        Assert.Contains("待补", chinese);

        var (_, english) = await GetAsync($"/cases/{id}?culture=en", "clerk");
        Assert.Contains("Domestic company change registration", english);
        Assert.Contains("Company change registration application form", english);
        Assert.Contains("material(s) outstanding", english);
        Assert.DoesNotContain("内资公司变更登记", english);
    }

    [Fact]
    public async Task TheTrackerShowsACaseByCodeMaskedAndAnswersUnknownCodesAlike()
    {
        var opened = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var code = opened["trackingCode"]!.GetValue<string>();

        var (status, html) = await GetAsync($"/track?code={code.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(opened["number"]!.GetValue<string>(), html);
        Assert.DoesNotContain("张三丰", html);
        Assert.DoesNotContain("440106199003071231", html);
        Assert.DoesNotContain("13800138000", html);

        (status, html) = await GetAsync($"/track/{code}/fragment");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("<div id=\"tracker-detail\"", html.TrimStart());

        (status, var form) = await GetAsync("/track");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("track-not-found", form);

        var answers = new List<string>();
        foreach (var unknown in new[] { "ABCD2345EFGH6789", "nonsense", CaseWalker.Id(opened) })
        {
            (status, html) = await GetAsync($"/track?code={Uri.EscapeDataString(unknown)}");
            Assert.Equal(HttpStatusCode.NotFound, status);
            answers.Add(html[html.IndexOf("track-not-found", StringComparison.Ordinal)..].Split("</p>")[0]);
            (status, _) = await GetAsync($"/track/{Uri.EscapeDataString(unknown)}/fragment");
            Assert.Equal(HttpStatusCode.NotFound, status);
        }

        Assert.Single(answers.Distinct());
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, string? user = null)
    {
        using var response = await SendAsync(path, user);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await _walker.AsAsync(user)).AccessToken);
        }

        return await _http.SendAsync(request);
    }
}
