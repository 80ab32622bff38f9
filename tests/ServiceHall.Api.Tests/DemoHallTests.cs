using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ServiceHall.Api.Tests;

/// <summary>
/// Issue 21: in demo mode every catalogue item can be taken to the end with the demo accounts the README lists — a
/// clerk whose own window serves the channel opens it, the reviewer of the department that reviews it (a partner
/// city's for a cross-city case) reviews it, the key project's coordinator routes it. The silo has no staff but the
/// demo accounts.
/// </summary>
public sealed class DemoHallTests(SiloFixture silo, ITestOutputHelper output) : IClassFixture<SiloFixture>, IDisposable
{
    private const string DemoLicence = "91440101MA59XXXX1K";
    private const string DemoLicenceHolder = "广州示例贸易有限公司";

    // The happy path's choice when a step offers several actions, and what each is sent.
    private static readonly string[] Preferred = ["accept", "pass", "approve", "route", "issue-certificate", "notify-pickup", "picked-up", "mailed"];

    private readonly IReadOnlyList<DemoAccount> _accounts = DemoAccounts.FromReadme();
    private readonly ConcurrentDictionary<string, ApiClient> _clients = new();

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task EveryReadmeDemoAccountSignsInWithTheRoleAndScopeTheTableGives()
    {
        Assert.True(_accounts.Count >= 30, $"the README table lists {_accounts.Count} demo accounts");
        foreach (var account in _accounts)
        {
            var claims = Claims((await SignedInAsync(account.Username)).AccessToken!);

            Assert.Equal(
                (account.Role, account.Hall, account.Window, account.Department, account.District),
                (Claim(claims, "role"), Claim(claims, "hall"), Claim(claims, "window"), Claim(claims, "department"), Claim(claims, "district")));
        }
    }

    [Fact]
    public async Task EveryCatalogueItemIsTakenToTheEndOnEachCounterChannelByDemoAccountsOnly()
    {
        var admin = await SignedInAsync("admin");
        var items = (await admin.GetAsync("/api/catalog/items")).Json.AsArray().Select(i => i!).ToList();
        var windows = (await admin.GetAsync("/api/halls")).Json.AsArray()
            .SelectMany(h => h!["windows"]!.AsArray().Select(w => (Hall: h["code"]!.GetValue<string>(), Code: w!["code"]!.GetValue<string>(), Channel: w["channel"]!.GetValue<string>())))
            .ToList();
        var clerks = _accounts.Where(a => a.Role == "clerk")
            .Select(a => (Account: a, Channel: windows.Single(w => w.Hall == a.Hall && w.Code == a.Window).Channel))
            .ToList();

        // Online applications arrive without a clerk (OnlineApplicationTests); every other channel is opened by a clerk
        // at a window of that channel — each cross-city window, since each names a different reviewing city.
        var walks = items
            .SelectMany(item => item["channels"]!.AsArray().Select(c => c!.GetValue<string>()).Where(c => c != "online")
                .SelectMany(channel => channel == "cross-city"
                    ? clerks.Where(c => c.Channel == channel).Select(c => (Item: item, Channel: channel, Clerk: c.Account))
                    : clerks.Where(c => c.Channel == channel).Take(1).Select(c => (Item: item, Channel: channel, Clerk: c.Account))))
            .ToList();
        Assert.Equal(62, items.Count);
        Assert.All(items, item => Assert.Contains(walks, w => w.Item == item));

        var failures = new ConcurrentBag<string>();
        var slowest = new ConcurrentBag<(string Walk, TimeSpan Took)>();
        await Parallel.ForEachAsync(walks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (walk, _) =>
        {
            var name = $"{walk.Item["code"]} {walk.Channel} by {walk.Clerk.Username}";
            var clock = Stopwatch.StartNew();
            try
            {
                await WalkAsync(walk.Item, walk.Channel, walk.Clerk);
                slowest.Add((name, clock.Elapsed));
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.Message}");
            }
        });

        foreach (var (walk, took) in slowest.OrderByDescending(s => s.Took).Take(3))
        {
            output.WriteLine($"slowest: {walk} {took.TotalSeconds:F1} s");
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} of {walks.Count} walks failed:\n{string.Join("\n", failures.Order())}");
    }

    private async Task WalkAsync(JsonNode item, string channel, DemoAccount clerk)
    {
        var opener = await SignedInAsync(clerk.Username);
        var opened = await opener.PostAsync("/api/cases", Application(item, channel));
        Expect(opened, HttpStatusCode.Created, "open");
        var id = opened.Json["id"]!.GetValue<string>();
        var admin = await SignedInAsync("admin");

        for (var turn = 0; turn < 12; turn++)
        {
            var view = (await admin.GetAsync($"/api/cases/{id}")).Json;
            if (view["status"]!.GetValue<string>() != "open")
            {
                Assert.True(view["status"]!.GetValue<string>() == "completed", $"ended {view["status"]} at {view["stage"]}");
                return;
            }

            var step = view["openSteps"]!.AsArray().First()!;
            var actions = step["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            var action = Preferred.FirstOrDefault(actions.Contains)
                ?? throw new InvalidOperationException($"step {step["name"]} offers only {string.Join(", ", actions)}");
            var actor = ActorFor(step, view, clerk);
            var reply = await (await SignedInAsync(actor)).PostAsync($"/api/cases/{id}/actions/{action}", Body(action, view));
            Expect(reply, HttpStatusCode.OK, $"{actor} {action}");
        }

        throw new InvalidOperationException("not finished after 12 steps");
    }

    /// <summary>The demo account the README gives for this step: the department's reviewer, the project's coordinator, or the hall's clerk.</summary>
    private string ActorFor(JsonNode step, JsonNode view, DemoAccount clerk)
    {
        var roles = step["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        var department = step["department"]?.GetValue<string>();
        if (roles.Contains("reviewer") && department is not null)
        {
            return _accounts.FirstOrDefault(a => a.Role == "reviewer" && a.Department == department)?.Username
                ?? throw new InvalidOperationException($"no demo reviewer of '{department}'");
        }

        if (roles.Contains("coordinator"))
        {
            var coordinator = view["coordination"]!["coordinator"]!.GetValue<string>();
            Assert.Contains(_accounts, a => a.Username == coordinator);
            return coordinator;
        }

        // The case is accepted and collected at the opening clerk's hall (delivery names no other hall).
        return roles.Contains("clerk") ? clerk.Username : throw new InvalidOperationException($"step for {string.Join(", ", roles)}");
    }

    private static object Body(string action, JsonNode view) => action switch
    {
        "approve" => new { opinion = "同意" },
        "route" => new { groups = new[] { new { parallel = false, steps = new[] { new { department = view["department"]!.GetValue<string>() } } } } },
        "issue-certificate" => new { form = "paper" },
        "picked-up" => new { collector = "agent", by = "李四", idNumber = "11010519491231002X" },
        "mailed" => new { emsTrackingNo = "EA123456789CN" },
        _ => new { },
    };

    /// <summary>A complete application: every required material handed in, the licence copy as the demo e-licence.</summary>
    private static JsonObject Application(JsonNode item, string channel)
    {
        var materials = new JsonArray();
        foreach (var material in item["materials"]!.AsArray())
        {
            var code = material!["code"]!.GetValue<string>();
            var waiver = material["waiver"]?.GetValue<string>();
            if (material["optional"]?.GetValue<bool>() == true || waiver == "id-card")
            {
                continue;
            }

            materials.Add(waiver == "e-licence"
                ? new JsonObject { ["code"] = code, ["form"] = "e-licence", ["eLicenceNumber"] = DemoLicence }
                : new JsonObject { ["code"] = code, ["form"] = "original" });
        }

        var application = new JsonObject
        {
            ["serviceItemCode"] = item["code"]!.GetValue<string>(),
            ["channel"] = channel,
            ["applicant"] = new JsonObject
            {
                ["name"] = "张三丰",
                ["idNumber"] = ApiClient.ValidIdNumbers[1],
                ["phone"] = "13800138000",
                ["organization"] = DemoLicenceHolder,
                ["organizationCode"] = DemoLicence,
            },
            ["materials"] = materials,
            ["delivery"] = new JsonObject { ["method"] = channel == "instant" ? "electronic" : "window" },
        };
        if (channel == "key-project")
        {
            application["district"] = "tianhe";
        }

        return application;
    }

    private async Task<ApiClient> SignedInAsync(string username)
    {
        if (_clients.TryGetValue(username, out var client))
        {
            return client;
        }

        var signedIn = await new ApiClient(silo.BaseUrl).SignInAsync(username);
        if (!_clients.TryAdd(username, signedIn))
        {
            signedIn.Dispose();
        }

        return _clients[username];
    }

    private static void Expect(Reply reply, HttpStatusCode status, string what)
    {
        if (reply.Status != status)
        {
            throw new InvalidOperationException($"{what}: {reply}");
        }
    }

    private static JsonObject Claims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!.AsObject();
    }

    private static string? Claim(JsonObject claims, string name) => claims[name]?.GetValue<string>();
}
