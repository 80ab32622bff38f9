using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ServiceHall.Api.Tests;

/// <summary>The board and search: filters, paging, and each role's scope.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class BoardTests(SiloFixture silo) : IDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(silo.BaseUrl) };

    public void Dispose()
    {
        _walker.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task TheBoardFiltersByStageAndTextAndKeepsEachRoleInItsScope()
    {
        var atAcceptance = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002"));
        var hazchem = await _walker.OpenAsync(CaseWalker.Application("GZ-YJGL-001"));
        var accepted = await _walker.ActAsync(CaseWalker.Id(hazchem), "clerk", "accept");
        await _walker.WaitForBoardAsync(atAcceptance);
        var row = await _walker.WaitForBoardAsync(accepted);
        Assert.Equal("formal-review", row["stage"]!.GetValue<string>());
        Assert.Equal("on-track", row["slaState"]!.GetValue<string>());

        var clerk = await _walker.AsAsync("clerk");
        var formal = await clerk.GetAsync($"/api/cases?stage=formal-review&q={accepted["number"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.OK, formal.Status);
        Assert.Equal(1, formal.Json["total"]!.GetValue<int>());
        var acceptance = await clerk.GetAsync($"/api/cases?stage=acceptance&q={accepted["number"]!.GetValue<string>()}");
        Assert.Equal(0, acceptance.Json["total"]!.GetValue<int>());

        // reviewer2 (emergency management) sees the hazardous-chemicals case, not the market-regulation one.
        var reviewer2 = await _walker.AsAsync("reviewer2");
        var theirs = (await reviewer2.GetAsync($"/api/cases?q={accepted["number"]!.GetValue<string>()}")).Json;
        Assert.Equal(1, theirs["total"]!.GetValue<int>());
        var notTheirs = (await reviewer2.GetAsync($"/api/cases?q={atAcceptance["number"]!.GetValue<string>()}")).Json;
        Assert.Equal(0, notTheirs["total"]!.GetValue<int>());

        var all = (await clerk.GetAsync("/api/cases")).Json;
        Assert.True(all["total"]!.GetValue<int>() >= 2);
        // Far below the 10,000 rows a listing counts: the total is exact (past it, totalIsExact is false and total 10,000).
        Assert.True(all["totalIsExact"]!.GetValue<bool>());
        Assert.True(all["items"]!.AsArray().Count <= all["pageSize"]!.GetValue<int>());
        var opened = all["items"]!.AsArray().Select(i => i!["openedAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(opened.OrderByDescending(o => o), opened);
    }

    [Fact]
    public async Task ACoordinatorsBoardShowsOnlyTheKeyProjectsOfTheirDistrictInitiallyAndLive()
    {
        // coordinator serves Tianhe, coordinator2 Nansha; GET /api/cases/{id} refuses each the other's project.
        var tianhe = CaseWalker.Id(await _walker.WaitForBoardAsync(await _walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "tianhe"))));
        var nansha = CaseWalker.Id(await _walker.WaitForBoardAsync(await _walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "nansha"))));

        foreach (var (coordinator, own, other) in new[] { ("coordinator", tianhe, nansha), ("coordinator2", nansha, tianhe) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await _walker.AsAsync(coordinator)).GetAsync($"/api/cases/{other}")).Status);
            foreach (var path in new[] { "/board", "/board/columns" })
            {
                var (status, html) = await GetAsync(path, coordinator);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Contains($"id=\"card-{own}\"", html);
                Assert.DoesNotContain(other, html);

                // Each column counts only what it may show (all of it here: far fewer than a column's 50 cards).
                foreach (Match column in Regex.Matches(html, "<section class=\"column\".*?</section>", RegexOptions.Singleline))
                {
                    var total = int.Parse(Regex.Match(column.Value, "data-total=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.Equal(Regex.Matches(column.Value, "data-testid=\"case-card\"").Count, total);
                    Assert.Contains("data-total-exact=\"true\"", column.Value);
                }
            }

            // The card the live script asks for after a push: its own project's card, the other district's none.
            var (ownStatus, ownCard) = await GetAsync($"/board/cards/{own}", coordinator);
            Assert.Equal(HttpStatusCode.OK, ownStatus);
            Assert.Contains($"id=\"card-{own}\"", ownCard);
            var (otherStatus, otherCard) = await GetAsync($"/board/cards/{other}", coordinator);
            Assert.Equal(HttpStatusCode.NoContent, otherStatus);
            Assert.Empty(otherCard);
        }
    }

    [Fact]
    public async Task ACoordinatorsSearchListsOnlyTheKeyProjectsTheyMayReadInFullPagesCountingOnlyThose()
    {
        // An applicant name only this test uses keeps other tests' cases out; 21 Nansha projects (more than a page)
        // mixed with 7 of Tianhe, which coordinator2 (Nansha) may not read.
        var applicant = "检索" + Guid.NewGuid().ToString("N")[..8];
        var byDistrict = new Dictionary<string, List<string>> { ["tianhe"] = [], ["nansha"] = [] };
        for (var i = 0; i < 28; i++)
        {
            var district = i % 4 == 0 ? "tianhe" : "nansha";
            var application = CaseWalker.KeyProject("GZ-FGW-001", district);
            application["applicant"]!["name"] = applicant;
            byDistrict[district].Add(CaseWalker.Id(await _walker.WaitForBoardAsync(await _walker.OpenAsync(application))));
        }

        var admin = await _walker.AsAsync("admin");
        Assert.Equal(28, (await admin.GetAsync($"/api/cases?q={applicant}")).Json["total"]!.GetValue<int>());

        foreach (var (coordinator, district) in new[] { ("coordinator2", "nansha"), ("coordinator", "tianhe") })
        {
            var client = await _walker.AsAsync(coordinator);
            var listed = new List<string>();
            var expected = byDistrict[district];
            for (var page = 1; page <= 2; page++)
            {
                var reply = await client.GetAsync($"/api/cases?q={applicant}&page={page}");
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal(expected.Count, reply.Json["total"]!.GetValue<int>());
                var items = reply.Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
                // Every page but the last is full: hidden cases leave no holes.
                Assert.Equal(Math.Clamp(expected.Count - ((page - 1) * 20), 0, 20), items.Count);
                listed.AddRange(items);
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task TheBoardOffersAsHallChoicesTheHallsItsScopeReaches()
    {
        // Admins and reviewers may look at every hall's board; a clerk only at their own, so no hall to choose at all.
        foreach (var user in new[] { "admin", "reviewer" })
        {
            var (status, html) = await GetAsync("/board", user);
            Assert.Equal(HttpStatusCode.OK, status);
            var choices = Regex.Match(html, "<select name=\"hall\">.*?</select>", RegexOptions.Singleline).Value;
            Assert.Equal(["gz", "qy", "mz"], Regex.Matches(choices, "<option value=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        }

        var (clerkStatus, clerkBoard) = await GetAsync("/board", "clerk");
        Assert.Equal(HttpStatusCode.OK, clerkStatus);
        Assert.DoesNotContain("name=\"hall\"", clerkBoard);
        var (otherStatus, otherBoard) = await GetAsync("/board?hall=qy", "clerk");
        Assert.Equal(HttpStatusCode.Forbidden, otherStatus);
        Assert.Contains("data-testid=\"board-refused\"", otherBoard);
        // Said in the page's language (Chinese by default), never the English fallback with the hall's code.
        Assert.Contains("您只能查看本大厅的案件看板。", otherBoard);
        Assert.DoesNotContain("You work at hall", otherBoard);
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await _walker.AsAsync(user)).AccessToken);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
