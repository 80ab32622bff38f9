using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;
using static ServiceHall.Api.Tests.Policy.CasePolicyMatrix;

namespace ServiceHall.Api.Tests.Policy;

/// <summary>
/// One access policy, asked four ways: the case grain over HTTP (read, the actions its view offers, acting), the hub
/// (watching the case, a board hearing its changes) and the board listing (search). Every answer must match the table
/// in <see cref="CasePolicyMatrix"/> — in particular for the delivery-hall clerk (reads, lists and watches the case
/// but may not act on the accepting hall's steps) and the routed department's reviewer (reads, lists, watches, sees
/// and takes only its own part, and still reads the case after approving).
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class CasePolicyMatrixTests(SiloFixture silo, ITestOutputHelper output) : IAsyncDisposable
{
    private readonly CaseWalker _walker = new(silo.BaseUrl);
    private readonly CaseChangeListeners _live = new(silo.BaseUrl);
    private readonly List<string> _disagreements = [];
    private int _checks;

    public async ValueTask DisposeAsync()
    {
        await _live.DisposeAsync();
        _walker.Dispose();
    }

    [Fact]
    public async Task TheGrainTheHubAndTheBoardListingAgreeWithThePolicyForEveryRoleScopeAndPlacement()
    {
        // Boards are joined before any case exists, so every change of every case reaches them in publication order.
        var boards = new Dictionary<string, ConcurrentQueue<JsonElement>>();
        foreach (var user in Staff)
        {
            var (connection, heard) = await _live.ConnectAsync((await _walker.AsAsync(user)).AccessToken);
            var joined = await TryAsync(() => connection.InvokeAsync<JsonElement>("JoinBoard", new { }));
            Check(joined == HasBoard(user), $"{user}: JoinBoard {(joined ? "accepted" : "refused")}");
            if (joined)
            {
                boards[user] = heard;
            }
        }

        var cases = await OpenCasesAsync();
        var steps = await RoutedStepsAsync(cases[RoutedProject]);

        // Before anything moves: what each staff member's view offers and what acting answers, for every probe.
        foreach (var name in Placements)
        {
            var before = CaseWalker.Version(await _walker.GetAsync(Id(cases[name])));
            foreach (var user in Staff)
            {
                await CheckViewAndProbesAsync(name, Id(cases[name]), user, steps);
            }

            await CheckApplicantAsync(name, cases[name]);
            Check(CaseWalker.Version(await _walker.GetAsync(Id(cases[name]))) == before, $"{name}: refused and invalid probes changed nothing");
        }

        // One real change per case, by someone the table allows; the routed reviewer approves its own part.
        var touched = new Dictionary<string, long>
        {
            [Delivered] = CaseWalker.Version(await _walker.ActAsync(Id(cases[Delivered]), "clerk", "accept")),
            [CrossCity] = CaseWalker.Version(await _walker.ActAsync(Id(cases[CrossCity]), "clerk", "accept")),
            [NanshaProject] = CaseWalker.Version(await _walker.ActAsync(Id(cases[NanshaProject]), "coordinator2", "escalate", new { reason = "省重点项目" })),
            [RoutedProject] = CaseWalker.Version(await _walker.ActAsync(Id(cases[RoutedProject]), "reviewer2", "approve",
                new { stepId = steps["emergency-management"], opinion = "同意" })),
        };

        // After it: reading (the routed reviewer reloads after approving), watching, hearing and listing.
        foreach (var name in Placements)
        {
            await _walker.WaitForBoardAsync(await _walker.GetAsync(Id(cases[name])));
            foreach (var user in Staff)
            {
                await CheckReadWatchAndListAsync(name, cases[name], user);
            }
        }

        foreach (var (user, heard) in boards)
        {
            await CheckBoardAsync(user, heard, cases, touched);
        }

        output.WriteLine($"policy matrix: {Staff.Length} staff + the applicant × {Placements.Length} cases, {Probes.Length} staff probes; {_checks} checks");
        Assert.True(_disagreements.Count == 0, $"{_disagreements.Count} of {_checks} checks disagree with the policy table:\n{string.Join("\n", _disagreements)}");
    }

    [Fact]
    public async Task TheRoutedReviewersCasePageOffersOnlyItsOwnPartLabelledWithItsDepartment()
    {
        var routed = await _walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "tianhe"));
        await _walker.ActAsync(Id(routed), "clerk", "accept");
        var plan = new { parallel = true, steps = new[] { new { department = "market-regulation" }, new { department = "emergency-management" } } };
        await _walker.ActAsync(Id(routed), "coordinator", "route", new { groups = new[] { plan } });
        var steps = await RoutedStepsAsync(routed);

        var page = await (await _walker.AsAsync("reviewer2")).DownloadAsync($"/cases/{Id(routed)}/fragment");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var html = System.Text.Encoding.UTF8.GetString(page.Bytes);
        var forms = Regex.Matches(html, "data-testid=\"action-deny\"[^>]*data-step=\"([^\"]+)\">\\s*<summary class=\"action-button\">([^<]*)</summary>");
        var form = Assert.Single(forms);
        Assert.Equal(steps["emergency-management"], form.Groups[1].Value);
        Assert.Contains(" · ", form.Groups[2].Value, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-step=\"{steps["market-regulation"]}\"", html, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, JsonNode>> OpenCasesAsync()
    {
        var delivered = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002", delivery: new { method = "window", hall = "qy" }));
        var crossCity = await _walker.OpenAsync(CaseWalker.Application("GZ-SCJG-101", channel: "cross-city", window: "gz-qy"));
        var nansha = await _walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "nansha"));
        Assert.Equal("coordinator2", nansha["coordination"]!["coordinator"]!.GetValue<string>());
        var routed = await _walker.OpenAsync(CaseWalker.KeyProject("GZ-FGW-001", "tianhe"));
        Assert.Equal("coordinator", routed["coordination"]!["coordinator"]!.GetValue<string>());
        await _walker.ActAsync(Id(routed), "clerk", "accept");
        var plan = new { parallel = true, steps = new[] { new { department = "market-regulation" }, new { department = "emergency-management" } } };
        await _walker.ActAsync(Id(routed), "coordinator", "route", new { groups = new[] { plan } });
        return new()
        {
            [Delivered] = delivered,
            [CrossCity] = crossCity,
            [NanshaProject] = nansha,
            [RoutedProject] = routed,
        };
    }

    /// <summary>The open review step of each routed department (the stepId a probe aims at).</summary>
    private async Task<Dictionary<string, string>> RoutedStepsAsync(JsonNode routed) =>
        (await _walker.GetAsync(Id(routed)))["openSteps"]!.AsArray()
            .Where(s => s!["department"] is not null)
            .ToDictionary(s => s!["department"]!.GetValue<string>(), s => s!["id"]!.GetValue<string>());

    private async Task CheckViewAndProbesAsync(string name, string id, string user, IReadOnlyDictionary<string, string> steps)
    {
        var client = await _walker.AsAsync(user);
        var reads = Readers[name].Contains(user);
        var view = await client.GetAsync($"/api/cases/{id}");
        Check(view.Status == (reads ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{name}: {user} GET answered {view}");
        foreach (var probe in Probes.Where(p => p.Case == name))
        {
            var allowed = probe.Allowed.Contains(user);
            var stepId = probe.Department is null ? null : steps[probe.Department];
            var label = $"{name}: {user} {probe.Action}{(probe.Department is null ? "" : $" ({probe.Department})")}";
            if (reads && view.Status == HttpStatusCode.OK && probe.Listed)
            {
                var listed = view.Json["availableActions"]!.AsArray()
                    .Any(a => a!["name"]!.GetValue<string>() == probe.Action && (stepId is null || a["stepId"]?.GetValue<string>() == stepId));
                Check(listed == allowed, $"{label}: the view {(listed ? "offers" : "does not offer")} it");
            }

            var reply = await client.PostAsync($"/api/cases/{id}/actions/{probe.Action}", stepId is null ? new { } : new { stepId });
            Check(allowed
                    ? reply.Status == HttpStatusCode.BadRequest && reply.Field == "reason"
                    : reply.Status == HttpStatusCode.Forbidden,
                $"{label}: acting answered {reply}");
        }
    }

    private async Task CheckApplicantAsync(string name, JsonNode opened)
    {
        if (!ApplicantProbes.TryGetValue(name, out var probes))
        {
            return;
        }

        var code = opened["trackingCode"]!.GetValue<string>();
        var tracked = await _walker.Anonymous.GetAsync($"/api/track/{code}");
        Check(tracked.Status == HttpStatusCode.OK, $"{name}: applicant tracking answered {tracked}");
        var offered = tracked.Json["availableActions"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToHashSet();
        foreach (var (action, allowed) in probes)
        {
            Check(offered.Contains(action) == allowed, $"{name}: applicant view {(allowed ? "lacks" : "offers")} {action}");
            var reply = await _walker.Anonymous.PostAsync($"/api/track/{code}/actions/{action}", new { });
            Check(allowed ? reply.Status == HttpStatusCode.BadRequest && reply.Field == "reason" : reply.Status == HttpStatusCode.Forbidden,
                $"{name}: applicant {action} answered {reply}");
        }

        var (tracker, _) = await _live.ConnectAsync(null);
        var watched = await TryAsync(() => tracker.InvokeAsync<long>("WatchCase", code));
        Check(watched, $"{name}: applicant WatchCase refused");
    }

    private async Task CheckReadWatchAndListAsync(string name, JsonNode opened, string user)
    {
        var id = Id(opened);
        var reads = Readers[name].Contains(user);
        var client = await _walker.AsAsync(user);
        var view = await client.GetAsync($"/api/cases/{id}");
        Check(view.Status == (reads ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{name}: {user} reload answered {view}");

        var (watcher, _) = await _live.ConnectAsync(client.AccessToken);
        var watched = await TryAsync(() => watcher.InvokeAsync<long>("WatchCaseById", id));
        Check(watched == reads, $"{name}: {user} WatchCaseById {(watched ? "accepted" : "refused")}");

        var number = opened["number"]!.GetValue<string>();
        var list = await client.GetAsync($"/api/cases?q={number}");
        if (!HasBoard(user))
        {
            Check(list.Status == HttpStatusCode.Forbidden, $"{name}: {user} search answered {list}");
            return;
        }

        var listed = list.Status == HttpStatusCode.OK && list.Json["items"]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == id);
        Check(list.Status == HttpStatusCode.OK && listed == reads, $"{name}: {user} search {(listed ? "lists" : "does not list")} it ({(int)list.Status})");
    }

    /// <summary>
    /// A board hears the last change of every case its owner may read. A connection gets pushes in publication order
    /// and every case changed before the last of those, so once they are heard, a change it should not hear would be
    /// there already.
    /// </summary>
    private async Task CheckBoardAsync(string user, ConcurrentQueue<JsonElement> heard, Dictionary<string, JsonNode> cases, Dictionary<string, long> touched)
    {
        var mine = Placements.Where(name => Readers[name].Contains(user)).ToList();
        foreach (var name in mine)
        {
            var reached = await TryAsync(() => CaseChangeListeners.WaitForAsync(heard, Id(cases[name]), touched[name], Eventually.Patience));
            Check(reached, $"{name}: {user}'s board did not hear v{touched[name]}");
        }

        foreach (var name in Placements.Except(mine))
        {
            var id = Id(cases[name]);
            Check(!heard.Any(c => c.GetProperty("id").GetString() == id), $"{name}: {user}'s board heard it");
        }
    }

    private void Check(bool agrees, string disagreement)
    {
        _checks++;
        if (!agrees)
        {
            _disagreements.Add(disagreement);
        }
    }

    private static async Task<bool> TryAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or TimeoutException)
        {
            return false;
        }
    }

    private static string Id(JsonNode view) => CaseWalker.Id(view);
}
